/// A screen's own state, as ``AppReducer/onTop(_:_:)`` takes it out of the stack and puts it back.
public protocol ScreenModel: Sendable {
    /// This screen's state when `screen` is this screen, else nil.
    init?(_ screen: Screen)
    /// The state as a stack entry.
    var screen: Screen { get }
}

extension HomeState: ScreenModel {
    /// See ``ScreenModel``.
    public init?(_ screen: Screen) { guard case .home(let s) = screen else { return nil }; self = s }
    /// See ``ScreenModel``.
    public var screen: Screen { .home(self) }
}

extension PickerState: ScreenModel {
    /// See ``ScreenModel``.
    public init?(_ screen: Screen) { guard case .picker(let s) = screen else { return nil }; self = s }
    /// See ``ScreenModel``.
    public var screen: Screen { .picker(self) }
}

extension SignInState: ScreenModel {
    /// See ``ScreenModel``.
    public init?(_ screen: Screen) { guard case .signIn(let s) = screen else { return nil }; self = s }
    /// See ``ScreenModel``.
    public var screen: Screen { .signIn(self) }
}

extension AccountsState: ScreenModel {
    /// See ``ScreenModel``.
    public init?(_ screen: Screen) { guard case .accounts(let s) = screen else { return nil }; self = s }
    /// See ``ScreenModel``.
    public var screen: Screen { .accounts(self) }
}

extension FormState: ScreenModel {
    /// See ``ScreenModel``.
    public init?(_ screen: Screen) { guard case .form(let s) = screen else { return nil }; self = s }
    /// See ``ScreenModel``.
    public var screen: Screen { .form(self) }
}

extension SchemaChooserState: ScreenModel {
    /// See ``ScreenModel``.
    public init?(_ screen: Screen) { guard case .schemas(let s) = screen else { return nil }; self = s }
    /// See ``ScreenModel``.
    public var screen: Screen { .schemas(self) }
}

extension DesignState: ScreenModel {
    /// See ``ScreenModel``.
    public init?(_ screen: Screen) { guard case .design(let s) = screen else { return nil }; self = s }
    /// See ``ScreenModel``.
    public var screen: Screen { .design(self) }
}

extension BrowseState: ScreenModel {
    /// See ``ScreenModel``.
    public init?(_ screen: Screen) { guard case .browse(let s) = screen else { return nil }; self = s }
    /// See ``ScreenModel``.
    public var screen: Screen { .browse(self) }
}

extension HistoryState: ScreenModel {
    /// See ``ScreenModel``.
    public init?(_ screen: Screen) { guard case .history(let s) = screen else { return nil }; self = s }
    /// See ``ScreenModel``.
    public var screen: Screen { .history(self) }
}
