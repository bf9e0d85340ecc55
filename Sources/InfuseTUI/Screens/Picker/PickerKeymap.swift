import Foundation
import InfuseApp
import InfuseCore

extension PickerState {
    /// The screen's key bindings.
    public static let keymap = Keymap<AppCommand>("Choose a connection", [
        KeyBinding([.up, .down, .pageUp, .pageDown], .navigate, help: "Move the selection", group: "Navigation",
                   footerText: "move"),
        KeyBinding([.enter], .choose, help: "Use the selected connection", footerText: "choose"),
        KeyBinding([.escape], .back, help: "Clear the filter, or go back", footerText: "back"),
    ])
}
