import Foundation
import InfuseApp
import InfuseCore

/// The connection picker's commands.
public enum PickerCommand: Hashable, Sendable {
    /// Move the selection; use the selected connection; clear the filter or go back.
    case navigate, choose, back
}

extension PickerState {
    /// The screen's key bindings.
    public static let keymap = Keymap<PickerCommand>("Choose a connection", [
        KeyBinding([.up, .down, .pageUp, .pageDown], .navigate, help: "Move the selection", group: "Navigation",
                   footerText: "move"),
        KeyBinding([.enter], .choose, help: "Use the selected connection", footerText: "choose"),
        KeyBinding([.escape], .back, help: "Clear the filter, or go back", footerText: "back"),
    ])
}
