import Foundation
import InfuseApp
import InfuseCore

/// The data source form's commands.
public enum FormCommand: Hashable, Sendable {
    /// Move the focus.
    case focusNext, focusPrevious
    /// Switch Custom Url; open the focused list or press the focused button.
    case toggle, choose
    /// Fetch a preview and continue; cancel.
    case previewConnect, back
}

extension FormState {
    /// Key bindings for the focused field.
    public func keymap() -> Keymap<FormCommand> {
        var bindings: [KeyBinding<FormCommand>] = [
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
