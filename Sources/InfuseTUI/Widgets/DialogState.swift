/// A dialog's commands (its ``DialogState/keymap``).
public enum DialogCommand: Hashable, Sendable {
    /// Move between the field and the buttons.
    case focusNext, focusPrevious
    /// Press the focused button (or submit the prompt); answer yes; cancel.
    case choose, answerYes, back
}

/// What a dialog did with a key.
public enum DialogOutcome: Hashable, Sendable {
    /// Still open; nothing decided.
    case none
    /// The confirm button was chosen.
    case confirmed
    /// Cancelled (Esc, or the cancel button).
    case cancelled
    /// An error dialog was acknowledged.
    case dismissed
    /// A prompt was submitted with this text.
    case submitted(String)
}

/// A modal dialog, drawn centred over the screen: a confirmation with two buttons, an error with
/// a title and message, or a text prompt.
public struct DialogState: Hashable, Sendable {
    /// The kinds of dialog.
    public enum Kind: Hashable, Sendable {
        /// Two buttons: confirm (index 0) and cancel (index 1).
        case confirm
        /// One OK button; drawn with the error style.
        case error
        /// A text field plus OK/Cancel.
        case prompt
    }

    /// Which kind of dialog.
    public let kind: Kind
    /// Title in the top border.
    public var title: String
    /// The message, word-wrapped.
    public var message: String
    /// Button captions, left to right.
    public var buttons: [ButtonState]
    /// The focused button (confirm dialogs), or nil while the prompt's field has focus.
    public private(set) var focusedButton: Int?
    /// The prompt's text field (prompts only).
    public var field: TextFieldState?

    /// A confirmation: `[ confirmLabel ]  [ cancelLabel ]`; the cancel button starts focused when
    /// `destructive`, so Enter alone never deletes.
    public static func confirm(title: String, message: String, confirmLabel: String = "OK",
                               cancelLabel: String = "Cancel", destructive: Bool = false) -> DialogState {
        DialogState(kind: .confirm, title: title, message: message,
                    buttons: [ButtonState(label: confirmLabel), ButtonState(label: cancelLabel)],
                    focusedButton: destructive ? 1 : 0, field: nil)
    }

    /// An error: what happened, why and what to do next, with one `OK` button.
    public static func error(title: String, message: String) -> DialogState {
        DialogState(kind: .error, title: title, message: message, buttons: [ButtonState(label: "OK")],
                    focusedButton: 0, field: nil)
    }

    /// A text prompt with a field prefilled with `text`.
    public static func prompt(title: String, message: String, text: String = "", secure: Bool = false) -> DialogState {
        DialogState(kind: .prompt, title: title, message: message,
                    buttons: [ButtonState(label: "OK"), ButtonState(label: "Cancel")],
                    focusedButton: nil, field: TextFieldState(text: text, secure: secure))
    }

    /// The dialog's key bindings: the only place its keys are named. The footer and the help
    /// screen list them, and ``handle(_:)`` acts on the command a key is bound to.
    public var keymap: Keymap<DialogCommand> {
        switch kind {
        case .error:
            return Keymap("Dialog", blocksFallThrough: true, [
                KeyBinding([.enter, .escape, .char(" ")], .choose, help: "Close the message", footerText: "OK"),
            ])
        case .confirm:
            return Keymap("Dialog", blocksFallThrough: true, [
                KeyBinding([.tab, .right], .focusNext, help: "Switch buttons", footerText: "switch"),
                KeyBinding([.backTab, .left], .focusPrevious, help: "Switch buttons back", showInFooter: false),
                KeyBinding([.enter, .char(" ")], .choose, help: "Press the focused button", footerText: "choose"),
                KeyBinding([.char("y")], .answerYes, help: "Yes", showInFooter: false),
                KeyBinding([.escape, .char("n")], .back, help: "Cancel", footerText: "cancel"),
            ])
        case .prompt:
            return Keymap("Dialog", blocksFallThrough: true, [
                KeyBinding([.enter], .choose, help: "OK (or the focused button)", footerText: "OK"),
                KeyBinding([.tab], .focusNext, help: "Move between the field and the buttons", footerText: "buttons"),
                KeyBinding([.backTab], .focusPrevious, help: "Move back between the buttons and the field", showInFooter: false),
                KeyBinding([.escape], .back, help: "Cancel", footerText: "cancel"),
            ])
        }
    }

    /// Handles a key through ``keymap``: a bound key does its command; in a prompt whose field
    /// has the focus, any other key edits the field.
    public mutating func handle(_ key: Key) -> DialogOutcome {
        let command = keymap.binding(for: key)?.action
        switch kind {
        case .error:
            return command == nil ? .none : .dismissed
        case .confirm:
            switch command {
            case .back: return .cancelled
            case .answerYes: return .confirmed
            case .focusNext, .focusPrevious:
                focusedButton = (focusedButton ?? 0) == 0 ? 1 : 0
                return .none
            case .choose: return focusedButton == 0 ? .confirmed : .cancelled
            case nil: return .none
            }
        case .prompt:
            switch command {
            case .back: return .cancelled
            case .focusNext:
                focusedButton = focusedButton == nil ? 0 : (focusedButton == 0 ? 1 : nil)
                return .none
            case .focusPrevious:
                focusedButton = focusedButton == nil ? 1 : (focusedButton == 1 ? 0 : nil)
                return .none
            case .choose:
                if focusedButton == 1 { return .cancelled }
                return .submitted(field?.text ?? "")
            default:
                guard focusedButton == nil, var f = field else { return .none }
                _ = f.handle(key)
                field = f
                return .none
            }
        }
    }

    /// The dialog's rectangle, centred in `bounds`.
    public func frame(in bounds: Rect) -> Rect {
        let maxWidth = max(10, bounds.width - 4)
        let buttonsWidth = buttons.map(\.width).reduce(0, +) + 2 * max(0, buttons.count - 1)
        let longest = message.split(separator: "\n").map { $0.displayWidth }.max() ?? 0
        let width = min(maxWidth, max(40, title.displayWidth + 8, buttonsWidth + 4, min(longest + 4, 64)))
        let lines = message.wrapped(toWidth: width - 4)
        let height = 2 + 1 + lines.count + 1 + (kind == .prompt ? 2 : 0) + 1
        return bounds.centered(width: width, height: min(height, bounds.height))
    }

    /// Draws the dialog centred in `bounds`.
    public func render(into buffer: inout CellBuffer, bounds: Rect, theme: Theme) {
        let rect = frame(in: bounds)
        guard rect.width >= 6, rect.height >= 3 else { return }
        buffer.fill(rect, style: theme.dialog)
        let borderStyle = kind == .error ? theme.error : theme.focusedBorder
        let shownTitle = kind == .error ? theme.attentionMarker + title : title
        buffer.box(rect, style: borderStyle, title: shownTitle, focused: true)
        let inner = rect.interior.inset(dx: 1, dy: 0)
        var y = inner.y + 1
        for line in message.wrapped(toWidth: inner.width) where y < inner.maxY - 1 {
            buffer.put(line, x: inner.x, y: y, style: theme.dialog, maxWidth: inner.width)
            y += 1
        }
        if kind == .prompt, let field, y + 1 < inner.maxY {
            y += 1
            field.render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: 1),
                         theme: theme, focused: focusedButton == nil)
        }
        let buttonRow = Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1)
        ButtonState.renderRow(buttons, focusedIndex: focusedButton, into: &buffer, area: buttonRow, theme: theme)
    }
}
