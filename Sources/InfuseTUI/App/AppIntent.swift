import InfuseApp
import InfuseCore

/// What a screen's update asks of the app, instead of editing ``AppState`` itself. A screen
/// edits only its own state; everything else (the stack, dialogs, the status line, the work
/// to run) goes through these, applied in order by ``AppReducer/apply(_:to:)``.
public enum AppIntent: Equatable, Sendable {
    /// Push a screen on the stack.
    case push(Screen)
    /// Pop the top screen (never the home screen).
    case pop
    /// Pop down to the home screen.
    case popToHome
    /// Open a dialog; its answer goes to the screen `purpose` names.
    case present(DialogState, DialogPurpose)
    /// Set (or clear) the status line's message.
    case status(StatusMessage?)
    /// Show the spinner with this text (nil: stop waiting).
    case busy(String?)
    /// Show (or clear) the progress bar.
    case progress(ProgressInfo?)
    /// The account the design in progress uses (shown in the title bar).
    case selectAccount(String)
    /// Run this effect.
    case run(AppEffect)

    /// Stop waiting and show `report` in an error dialog.
    public static func showError(_ report: ErrorReport) -> [AppIntent] {
        [.busy(nil), .present(.error(title: report.title, message: report.message), .message)]
    }
}
