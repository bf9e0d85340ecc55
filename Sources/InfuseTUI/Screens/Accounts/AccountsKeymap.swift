import Foundation
import InfuseApp
import InfuseCore

/// The connected accounts screen's commands.
public enum AccountsCommand: Hashable, Sendable {
    /// Move the selection; use the selected account; go back.
    case navigate, choose, back
    /// Connect, rename, re-authorize, test or delete an account.
    case connectNewAccount, renameAccount, reauthorize, testAccount, deleteAccount
    /// Edit the Keap developer app.
    case editKeapApp
}

extension AccountsState {
    /// The screen's key bindings.
    public static let keymap = Keymap<AccountsCommand>("Connected accounts", [
        KeyBinding([.enter], .choose, help: "Use the selected account for a new data source", footerText: "use"),
        KeyBinding([.char("c")], .connectNewAccount, help: "Connect New Account", footerText: "connect new account"),
        KeyBinding([.char("e")], .renameAccount, help: "Rename the selected account", footerText: "rename"),
        KeyBinding([.char("x")], .reauthorize, help: "Sign in again (re-authorize) the selected account", footerText: "re-authorize"),
        KeyBinding([.char("t")], .testAccount, help: "Test the selected account with one request (status and quota)", footerText: "test"),
        KeyBinding([.char("a")], .editKeapApp, help: "The Keap developer app (Client ID and Secret) OAuth sign-ins use", footerText: "Keap app"),
        KeyBinding([.char("d"), .delete], .deleteAccount, help: "Delete the selected account", footerText: "delete"),
        KeyBinding([.escape], .back, help: "Go back", footerText: "back"),
        KeyBinding([.up, .down, .char("k"), .char("j"), .pageUp, .pageDown, .home, .end], .navigate,
                   help: "Move the selection", group: "Navigation", showInFooter: false),
    ])
}
