import Foundation

/// The terminal's clipboard escape: `ESC ] 52 ; c ; <base64> BEL`. tmux passes it on to the
/// outer terminal (and keeps a paste buffer) when `set-clipboard` is on.
public enum OSC52 {
    /// The sequence that sets the clipboard to `text`. The text is base64, so a control
    /// character in CRM data cannot act on the terminal.
    public static func sequence(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }
}
