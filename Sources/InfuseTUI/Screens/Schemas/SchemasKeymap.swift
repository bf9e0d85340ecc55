import Foundation
import InfuseApp
import InfuseCore

/// Choose Schema(s)' commands.
public enum SchemasCommand: Hashable, Sendable {
    /// Move in the tree or scroll the grid; tick a schema; switch between tree and grid.
    case navigate, toggle, switchPane
    /// Continue to the design with the ticked schemas; go back.
    case connect, back
}

extension SchemaChooserState {
    /// Key bindings (tree or grid focus).
    public func keymap() -> Keymap<SchemasCommand> {
        if gridFocused {
            return Keymap("Choose Schema(s) · grid", [
                KeyBinding([.up, .down, .left, .right, .pageUp, .pageDown, .home, .end], .navigate, help: "Scroll the preview",
                           group: "Navigation", footerText: "scroll"),
                KeyBinding([.tab, .backTab], .switchPane, help: "Back to the schema tree", footerText: "tree"),
                KeyBinding([.enter], .connect, help: "Connect with the ticked schemas", footerText: "connect"),
                KeyBinding([.escape], .back, help: "Back to the form", footerText: "back"),
            ])
        }
        return Keymap("Choose Schema(s)", [
            KeyBinding([.up, .down, .char("k"), .char("j"), .pageUp, .pageDown, .home, .end], .navigate, help: "Move in the tree",
                       group: "Navigation", footerText: "move"),
            KeyBinding([.char(" ")], .toggle, help: "Select or deselect the schema", footerText: "select"),
            KeyBinding([.left, .right], .navigate, help: "Collapse or expand", group: "Navigation", footerText: "collapse/expand"),
            KeyBinding([.tab, .backTab], .switchPane, help: "Move to the preview grid", footerText: "grid"),
            KeyBinding([.enter], .connect, help: "Connect with the ticked schemas", footerText: "connect"),
            KeyBinding([.escape], .back, help: "Back to the form (nothing typed is lost)", footerText: "back"),
        ])
    }
}
