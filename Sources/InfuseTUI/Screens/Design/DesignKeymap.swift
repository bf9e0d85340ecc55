import Foundation
import InfuseApp
import InfuseCore

/// The design view's commands.
public enum DesignCommand: Hashable, Sendable {
    /// Move between panes; move in the pane (the key says how).
    case focusNext, focusPrevious, navigate
    /// Tables: pick up or drop, keep or drop, add, remove.
    case grabTable, toggle, addTable, removeTable
    /// Columns: rename, change the type.
    case renameColumn, retypeColumn
    /// Joins: left or inner, edit, remove.
    case toggleJoinKind, editJoin, removeJoin
    /// Save the data source; go back.
    case save, back
}

extension DesignState {
    /// Key bindings of the focused pane.
    public func keymap() -> Keymap<DesignCommand> {
        var bindings: [KeyBinding<DesignCommand>] = [
            KeyBinding([.tab], .focusNext, help: "Next pane", footerText: "pane"),
            KeyBinding([.backTab], .focusPrevious, help: "Previous pane", showInFooter: false),
        ]
        let move = KeyBinding<DesignCommand>([.up, .down, .char("k"), .char("j"), .pageUp, .pageDown, .home, .end], .navigate,
                                          help: "Move the selection", group: "Navigation", showInFooter: false)
        switch pane {
        case .tables:
            if grabbed {
                bindings = [
                    KeyBinding([.up, .down, .char("k"), .char("j")], .navigate, help: "Move the picked-up table", footerText: "move table"),
                    KeyBinding([.char("m"), .enter, .escape, .char(" ")], .grabTable, help: "Drop the table here", footerText: "drop"),
                ]
                return Keymap("Design · moving a table", blocksFallThrough: true, bindings)
            }
            bindings += [
                move,
                KeyBinding([.char(" ")], .toggle, help: "Keep or drop the table in the view", footerText: "keep/drop"),
                KeyBinding([.char("a"), .enter], .addTable, help: "Add a table from the schemas", footerText: "add"),
                KeyBinding([.char("x"), .delete], .removeTable, help: "Remove the table", footerText: "remove"),
                KeyBinding([.char("m")], .grabTable, help: "Pick up the table to move it with ↑↓ (drag and drop)", footerText: "move"),
            ]
        case .columns:
            bindings += [
                move,
                KeyBinding([.char(" ")], .toggle, help: "Keep or drop the column", footerText: "keep/drop"),
                KeyBinding([.char("r")], .renameColumn, help: "Rename the column", footerText: "rename"),
                KeyBinding([.char("t")], .retypeColumn, help: "Change the column's type", footerText: "type"),
            ]
        case .joins:
            bindings += [
                move,
                KeyBinding([.char(" ")], .toggleJoinKind, help: "Switch between left and inner join", footerText: "left/inner"),
                KeyBinding([.char("e"), .enter], .editJoin, help: "Edit the join's columns", footerText: "edit join"),
                KeyBinding([.char("x"), .delete], .removeJoin, help: "Remove the join", footerText: "remove"),
            ]
        case .rows:
            bindings.append(KeyBinding([.up, .down, .left, .right, .pageUp, .pageDown, .home, .end], .navigate,
                                       help: "Scroll the rows", group: "Navigation", footerText: "scroll"))
        }
        bindings += [
            KeyBinding([.ctrl("s")], .save, help: "Save the data source and run its first refresh", footerText: "save"),
            KeyBinding([.escape], .back, help: "Back to Choose Schema(s)", footerText: "back"),
        ]
        return Keymap("Design", bindings)
    }
}
