import Foundation
import InfuseCore
import InfuseTestSupport
import Testing
@testable import InfuseTUI

/// Wrong values typed key by key into every field of the data source form: Preview & Connect
/// gives a message naming the field, keeps what was typed, and asks for no preview or save.
@Suite("Data source form: wrong values typed into each field")
struct FormInputTests {
    /// One wrong value for one field.
    struct BadValue: Sendable {
        let field: FormState.Field
        let typed: String
        let message: String
        var testDescription: String { "\(field): \(typed.debugDescription.prefix(40))" }
    }

    static let longName = String(repeating: "n", count: DataSourceValidator.maxNameLength + 1)
    static let longDescription = String(repeating: "d", count: DataSourceValidator.maxDescriptionLength + 1)

    static let badValues: [BadValue] = [
        BadValue(field: .name, typed: "", message: "Name is required"),
        BadValue(field: .name, typed: "   ", message: "Name is required"),
        BadValue(field: .name, typed: longName, message: "Name must be at most 64 characters"),
        BadValue(field: .name, typed: "Contacts\u{202E}txt.exe", message: "Name contains control or invisible characters"),
        BadValue(field: .name, typed: "Con\u{200B}tacts", message: "Name contains control or invisible characters"),
        BadValue(field: .name, typed: "Weekly\u{85}contacts", message: "Name contains control or invisible characters"),
        BadValue(field: .name, typed: "\u{2067}שלום\u{2069}", message: "Name contains control or invisible characters"),
        BadValue(field: .name, typed: "Contacts report", message: "Name is already used by another data source"),
        BadValue(field: .name, typed: "contacts-REPORT", message: "Name is already used by another data source"),
        BadValue(field: .description, typed: longDescription, message: "Description must be at most 500 characters"),
        BadValue(field: .maxRows, typed: "-5", message: "Max Rows must be a whole number from 1 to 1,000,000"),
        BadValue(field: .maxRows, typed: "0", message: "Max Rows must be a whole number from 1 to 1,000,000"),
        BadValue(field: .maxRows, typed: "1000001", message: "Max Rows must be a whole number from 1 to 1,000,000"),
        BadValue(field: .maxRows, typed: "99999999999999999999999", message: "Max Rows must be a whole number from 1 to 1,000,000"),
        BadValue(field: .maxRows, typed: "1e6", message: "Max Rows must be a whole number from 1 to 1,000,000"),
        BadValue(field: .maxRows, typed: "２５", message: "Max Rows must be a whole number from 1 to 1,000,000"),
        BadValue(field: .maxRows, typed: "lots", message: "Max Rows must be a whole number from 1 to 1,000,000"),
        BadValue(field: .customURL, typed: "", message: "Custom Url is required"),
        BadValue(field: .customURL, typed: "not a url", message: "Custom Url is not a valid URL"),
        BadValue(field: .customURL, typed: "https://", message: "Custom Url is not a valid URL"),
        BadValue(field: .customURL, typed: "https://api.infusionsoft.com/crm/rest/v1/con\u{200B}tacts", message: "Custom Url is not a valid URL"),
        BadValue(field: .customURL, typed: "ftp://api.infusionsoft.com/crm/rest/v1/contacts", message: "Custom Url must start with https://"),
        BadValue(field: .customURL, typed: "http://api.infusionsoft.com/crm/rest/v1/contacts", message: "Custom Url must start with https://"),
        BadValue(field: .destination, typed: "mysql://bi@db.example.com/crm", message: "Destination must be a postgres:// URL"),
        BadValue(field: .destination, typed: "postgres://bi@db.example.com/crm?sslmode=maybe", message: "Destination's sslmode must be"),
        BadValue(field: .destination, typed: "postgres://bi@db example.com/crm", message: "Destination is not a valid URL"),
        BadValue(field: .destination, typed: "postgres://bi@db.example.com/crm\u{202E}", message: "Destination is not a valid URL"),
        BadValue(field: .destination, typed: "postgres://bi:hunter2-secret@db.example.com/crm", message: "Destination must not contain a password"),
    ]

    /// The filled form of the fixtures (a valid one), with `field` focused and its text replaced
    /// by `text` typed key by key (Custom Url switched on first when it is the field).
    static func typing(_ text: String, into field: FormState.Field) -> AppState {
        var state = DesignerFixtures.form()
        if field == .customURL {
            focus(.customToggle, in: &state)
            DesignerFlowTests.press(&state, [.char(" ")])
        }
        focus(field, in: &state)
        DesignerFlowTests.press(&state, [.end, .ctrl("u")] + DesignerFlowTests.type(text))
        return state
    }

    static func focus(_ field: FormState.Field, in state: inout AppState) {
        for _ in 0..<FormState.Field.allCases.count {
            guard case .form(let f) = state.top, f.focus != field else { return }
            DesignerFlowTests.press(&state, [.tab])
        }
    }

    static func form(_ state: AppState) -> FormState? {
        if case .form(let f) = state.top { return f }
        return nil
    }

    static func text(of field: FormState.Field, in f: FormState) -> String? {
        switch field {
        case .name: f.name.text
        case .description: f.description.text
        case .customURL: f.customURL.text
        case .maxRows: f.maxRows.text
        case .destination: f.destination.text
        default: nil
        }
    }

    @Test("each wrong value: the field's message, the text kept, the field focused, nothing asked of the core")
    func wrongValues() throws {
        ReliabilityReport.begin("bad-form-fields", description: "wrong values typed key by key into the designer's form")
        var named = 0
        for bad in Self.badValues {
            var state = Self.typing(bad.typed, into: bad.field)
            let effects = DesignerFlowTests.press(&state, [.ctrl("s")])
            #expect(effects.isEmpty, "\(bad.testDescription): no preview or save may start")
            let f = try #require(Self.form(state))
            let messages = f.errors[bad.field] ?? []
            #expect(messages.contains { $0.hasPrefix(bad.message) }, "\(bad.testDescription): \(messages)")
            #expect(messages.allSatisfy { $0.hasPrefix(Self.label(bad.field)) }, "\(bad.testDescription): each message names its field")
            #expect(Self.text(of: bad.field, in: f) == bad.typed, "\(bad.testDescription): what was typed is kept")
            #expect(f.focus == bad.field, "\(bad.testDescription)")
            #expect(state.status?.text.contains("Fix the fields marked in red") == true)
            #expect(DesignerFlowTests.screen(state, 120, 40).contains(bad.message), "\(bad.testDescription): the message is on screen")
            if effects.isEmpty, messages.contains(where: { $0.hasPrefix(bad.message) }) { named += 1 }
        }
        ReliabilityReport.write(ReliabilityResult(
            scenario: "bad-form-fields", description: "wrong values typed key by key into the designer's form",
            passed: named == Self.badValues.count, runs: Self.badValues.count, faultsInjected: Self.badValues.count,
            rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
            notes: "message naming the field and nothing started: \(named) of \(Self.badValues.count)"))
    }

    static func label(_ field: FormState.Field) -> String {
        switch field {
        case .name: "Name"
        case .description: "Description"
        case .customURL: "Custom Url"
        case .maxRows: "Max Rows"
        case .destination: "Destination"
        default: ""
        }
    }

    @Test("a password typed into the Destination is never drawn, only bullets of the same length")
    func destinationPasswordIsMasked() throws {
        var state = Self.typing("postgres://bi:hunter2-secret@db.example.com/crm", into: .destination)
        #expect(!DesignerFlowTests.screen(state, 120, 40).contains("hunter2"))
        #expect(DesignerFlowTests.screen(state, 120, 40).contains("postgres://bi:" + String(repeating: "•", count: "hunter2-secret".count) + "@db.example.com/crm"))
        DesignerFlowTests.press(&state, [.ctrl("s")])
        let screen = DesignerFlowTests.screen(state, 120, 40)
        #expect(!screen.contains("hunter2"))
        #expect(screen.contains("Destination must not contain a password"))
        // Editing the password away makes the form valid again, with the URL kept as typed.
        DesignerFlowTests.press(&state, [.ctrl("u")] + DesignerFlowTests.type("postgres://bi@db.example.com/crm?sslmode=require"))
        let effects = DesignerFlowTests.press(&state, [.ctrl("s")])
        #expect(effects.count == 1)
        let f = try #require(Self.form(state))
        #expect(f.errors.isEmpty)
        #expect(f.draft(now: Date()).source.destination == "postgres://bi@db.example.com/crm?sslmode=require")
    }

    @Test("URL password masking keeps the grapheme count and leaves other URLs alone")
    func masking() {
        #expect(TextFieldState.maskingURLPassword("postgres://u:p@ss@h/db") == "postgres://u:••••@h/db")
        #expect(TextFieldState.maskingURLPassword("postgres://u@h/db?x=a:b@c") == "postgres://u@h/db?x=a:b@c")
        #expect(TextFieldState.maskingURLPassword("postgres://h:5432/db") == "postgres://h:5432/db")
        #expect(TextFieldState.maskingURLPassword("no scheme u:p@h") == "no scheme u:p@h")
        #expect(TextFieldState.maskingURLPassword("postgres://ü:päß@h") == "postgres://ü:•••@h")
    }

    @Test("an empty Destination means the workspace; a saved PostgreSQL destination comes back when editing")
    func destinationRoundTrip() throws {
        var state = DesignerFixtures.form()
        let f = try #require(Self.form(state))
        #expect(f.draft(now: Date()).source.destination == nil)
        #expect(DesignerFlowTests.screen(state, 120, 40).contains("Destination"))
        Self.focus(.destination, in: &state)
        #expect(DesignerFlowTests.screen(state, 120, 40).contains("empty: tables in the workspace's SQLite"))
        DesignerFlowTests.press(&state, DesignerFlowTests.type("  postgres://bi@127.0.0.1:54329/infuse  "))
        let effects = DesignerFlowTests.press(&state, [.ctrl("s")])
        #expect(effects.count == 1)
        let source = try #require(Self.form(state)).draft(now: Date()).source
        #expect(source.destination == "postgres://bi@127.0.0.1:54329/infuse")
        let editing = FormState(editing: source, account: "Demo")
        #expect(editing.destination.text == "postgres://bi@127.0.0.1:54329/infuse")
        #expect(editing.draft(now: Date()).source.destination == source.destination)
    }

    @Test("no endpoint chosen: the API Endpoints message, nothing asked")
    func noEndpoint() throws {
        var state = DesignerFixtures.base()
        state.currentAccount = "Demo"
        var f = FormState(account: "Demo")
        f.name.setText("Something")
        state.push(.form(f))
        let effects = DesignerFlowTests.press(&state, [.ctrl("s")])
        #expect(effects.isEmpty)
        let after = try #require(Self.form(state))
        #expect(after.errors[.endpoint] == ["Endpoint is required"])
        #expect(after.focus == .endpoint)
    }
}

/// Leaving the form: at once when nothing changed, after a question when something was typed.
@Suite("Data source form: nothing typed is lost by Esc")
struct FormLeavingTests {
    @Test("Esc on an untouched form goes back at once")
    func untouched() {
        var state = DesignerFixtures.form()
        let depth = state.screens.count
        DesignerFlowTests.press(&state, [.escape])
        #expect(state.dialog == nil)
        #expect(state.screens.count == depth - 1)
    }

    @Test("Esc or Cancel after typing asks first; Keep editing (focused) keeps the text, Discard leaves")
    func typed() throws {
        var state = DesignerFixtures.form()
        let depth = state.screens.count
        DesignerFlowTests.press(&state, DesignerFlowTests.type("9"))
        DesignerFlowTests.press(&state, [.escape])
        #expect(state.dialog?.title == "Discard changes")
        #expect(DesignerFlowTests.screen(state).contains("Keep editing"))
        DesignerFlowTests.press(&state, [.enter])
        #expect(state.dialog == nil)
        let f = try #require(FormInputTests.form(state))
        #expect(f.maxRows.text == "25009")
        // Cancel button, then Discard.
        FormInputTests.focus(.cancel, in: &state)
        DesignerFlowTests.press(&state, [.enter])
        #expect(state.dialog?.title == "Discard changes")
        DesignerFlowTests.press(&state, [.left, .enter])
        #expect(state.dialog == nil)
        #expect(state.screens.count == depth - 1)
    }
}
