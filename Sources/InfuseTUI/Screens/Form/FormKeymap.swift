import Foundation
import InfuseApp
import InfuseCore

extension FormState {
    /// Key bindings for the focused field.
    public func keymap() -> Keymap<AppCommand> {
        var bindings: [KeyBinding<AppCommand>] = [
            KeyBinding([.tab, .down], .focusNext, help: "Next field", footerText: "next"),
            KeyBinding([.backTab, .up], .focusPrevious, help: "Previous field", footerText: "prev"),
        ]
        switch focus {
        case .customToggle:
            bindings.append(KeyBinding([.char(" "), .enter], .toggle, help: "Switch Custom Url on or off", footerText: "toggle"))
        case .endpoint, .method, .refresh, .dataFormat, .sync:
            bindings.append(KeyBinding([.enter, .char(" ")], .choose, help: "Open the list (type to filter)", footerText: "open list"))
        case .preview, .cancel:
            bindings.append(KeyBinding([.enter, .char(" ")], .choose, help: "Press the button", footerText: "press"))
        default:
            bindings.append(KeyBinding([.enter], .focusNext, help: "Next field", showInFooter: false))
        }
        bindings += [
            KeyBinding([.ctrl("s")], .previewConnect, help: "Preview & Connect", footerText: "preview & connect"),
            KeyBinding([.escape], .back, help: "Cancel and go back", footerText: "cancel"),
        ]
        return Keymap(original == nil ? "New data source" : "Edit data source", bindings)
    }
}
