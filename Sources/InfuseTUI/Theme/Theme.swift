/// The styles and symbols every widget draws with. ``standard`` uses colour; ``noColor`` (for the
/// `NO_COLOR` convention) keeps only attributes and carries meaning with `>`, `*` and `[ ]`.
public struct Theme: Hashable, Sendable {
    /// Whether colours are used at all.
    public var usesColor: Bool
    /// Ordinary text.
    public var normal: Style
    /// Secondary text.
    public var dim: Style
    /// Title bar text.
    public var title: Style
    /// Unfocused pane borders.
    public var border: Style
    /// The focused pane's border (drawn heavy and bold).
    public var focusedBorder: Style
    /// The selected row.
    public var selected: Style
    /// Grid and list column headers.
    public var header: Style
    /// The second grid header row (column types).
    public var headerTypes: Style
    /// Error text.
    public var error: Style
    /// Success text.
    public var success: Style
    /// Warnings.
    public var warning: Style
    /// Highlights (key labels in the footer, the spinner).
    public var accent: Style
    /// Text fields and drop-downs.
    public var input: Style
    /// The text cursor inside a focused field.
    public var cursor: Style
    /// Buttons and checkboxes when not focused.
    public var control: Style
    /// The focused button, checkbox or field label.
    public var focusedControl: Style
    /// The filled part of a progress bar.
    public var progressFill: Style
    /// Dialog body.
    public var dialog: Style

    /// Prefix of the selected list row (`>` without colour, a space with colour).
    public var selectionMarker: String
    /// Prefix of the focused pane's title and of error lines without colour (`*`), empty with colour.
    public var attentionMarker: String
    /// Checkbox glyphs (`☑`/`☐`, or `[x]`/`[ ]` without colour).
    public var checkboxOn: String
    /// See ``checkboxOn``.
    public var checkboxOff: String

    /// Creates a theme from every field.
    public init(usesColor: Bool, normal: Style, dim: Style, title: Style, border: Style, focusedBorder: Style,
                selected: Style, header: Style, headerTypes: Style, error: Style, success: Style, warning: Style,
                accent: Style, input: Style, cursor: Style, control: Style, focusedControl: Style,
                progressFill: Style, dialog: Style, selectionMarker: String, attentionMarker: String,
                checkboxOn: String, checkboxOff: String) {
        self.usesColor = usesColor; self.normal = normal; self.dim = dim; self.title = title
        self.border = border; self.focusedBorder = focusedBorder; self.selected = selected
        self.header = header; self.headerTypes = headerTypes; self.error = error; self.success = success
        self.warning = warning; self.accent = accent; self.input = input; self.cursor = cursor
        self.control = control; self.focusedControl = focusedControl; self.progressFill = progressFill
        self.dialog = dialog; self.selectionMarker = selectionMarker; self.attentionMarker = attentionMarker
        self.checkboxOn = checkboxOn; self.checkboxOff = checkboxOff
    }

    /// The colour theme.
    public static let standard = Theme(
        usesColor: true,
        normal: .plain, dim: Style(dim: true), title: Style(fg: .cyan, bold: true),
        border: .plain, focusedBorder: Style(fg: .cyan, bold: true), selected: Style(reverse: true),
        header: Style(bold: true), headerTypes: Style(fg: .blue, dim: true), error: Style(fg: .red, bold: true),
        success: Style(fg: .green), warning: Style(fg: .yellow), accent: Style(fg: .cyan, bold: true),
        input: Style(underline: true), cursor: Style(reverse: true), control: .plain,
        focusedControl: Style(reverse: true), progressFill: Style(fg: .green), dialog: .plain,
        selectionMarker: " ", attentionMarker: "", checkboxOn: "☑", checkboxOff: "☐")

    /// The `NO_COLOR` theme: attributes only; `>` marks the selection, `*` marks attention,
    /// checkboxes are `[x]`/`[ ]`.
    public static let noColor = Theme(
        usesColor: false,
        normal: .plain, dim: Style(dim: true), title: Style(bold: true),
        border: .plain, focusedBorder: Style(bold: true), selected: Style(reverse: true),
        header: Style(bold: true), headerTypes: Style(dim: true), error: Style(bold: true),
        success: .plain, warning: Style(bold: true), accent: Style(bold: true),
        input: Style(underline: true), cursor: Style(reverse: true), control: .plain,
        focusedControl: Style(reverse: true), progressFill: .plain, dialog: .plain,
        selectionMarker: ">", attentionMarker: "*", checkboxOn: "[x]", checkboxOff: "[ ]")

    /// ``noColor`` when `NO_COLOR` is set to a non-empty value in `environment`, else ``standard``.
    public static func fromEnvironment(_ environment: [String: String]) -> Theme {
        if let v = environment["NO_COLOR"], !v.isEmpty { return .noColor }
        return .standard
    }
}
