import Foundation
import Testing
@testable import InfuseCore

@Suite("Data source validation")
struct DataSourceValidatorTests {
    private func messages(_ source: DataSource, existing: [String] = [], accounts: [String]? = nil,
                          catalogue: [String: [String]]? = nil) -> [String] {
        DataSourceValidator.validate(source, existingNames: existing, existingAccounts: accounts, endpointPathParameters: catalogue)
            .map(\.message)
    }

    private func named(_ name: String) -> DataSource { WorkspaceFixtures.source(name) }

    @Test func aGoodSourceHasNoErrors() {
        #expect(messages(WorkspaceFixtures.source(), existing: ["Other"], accounts: ["Demo"], catalogue: ["contacts": []]).isEmpty)
        let url = DataSource(name: "Local", accountName: "Demo", target: .customURL("http://127.0.0.1:9000/crm/rest/v1/tags"))
        #expect(messages(url).isEmpty)
    }

    @Test func nameMessages() {
        #expect(messages(named("")) == ["Name is required"])
        #expect(messages(named("   ")) == ["Name is required"])
        #expect(messages(named(String(repeating: "a", count: 64))).isEmpty)
        #expect(messages(named(String(repeating: "a", count: 65))) == ["Name must be at most 64 characters"])
        #expect(messages(named(String(repeating: "é", count: 64))).isEmpty, "characters, not bytes")
        #expect(messages(named("Contacts report"), existing: ["Contacts report"]) == ["Name is already used by another data source"])
        #expect(messages(named("contacts-REPORT"), existing: ["Contacts report"]) == ["Name is already used by another data source"])
        #expect(field(of: named("Contacts report"), existing: ["Contacts report"]) == [.name])
    }

    @Test(arguments: [
        "Tab\there", "New\nline", "Bell\u{07}", "C1\u{85}x", "Del\u{7F}",
        "Zero\u{200B}width", "Joiner\u{2060}", "Bom\u{FEFF}", "LRM\u{200E}",
        "Evil\u{202E}txt.exe", "Embed\u{202A}x", "Isolate\u{2066}x\u{2069}",
    ])
    func hiddenCharactersInNamesAreRefused(name: String) {
        #expect(messages(named(name)) == ["Name contains control or invisible characters"])
    }

    @Test func ordinaryRightToLeftAndAccentedNamesAreFine() {
        #expect(messages(named("אנשי קשר")).isEmpty)
        #expect(messages(named("جهات الاتصال")).isEmpty)
        #expect(messages(named("Café Ünïcode 東京")).isEmpty)
    }

    @Test func descriptionMessage() {
        var source = WorkspaceFixtures.source()
        source.description = String(repeating: "d", count: 500)
        #expect(messages(source).isEmpty)
        source.description = String(repeating: "d", count: 501)
        #expect(messages(source) == ["Description must be at most 500 characters"])
    }

    @Test func accountMessages() {
        var source = WorkspaceFixtures.source()
        source.accountName = ""
        #expect(messages(source) == ["Account is required"])
        source.accountName = "Nobody"
        #expect(messages(source, accounts: ["Demo"]) == ["Account \"Nobody\" does not exist: add it with `infuse accounts add`"])
    }

    @Test func endpointMessages() {
        var source = WorkspaceFixtures.source()
        source.target = .endpoint(id: "", pathParameters: [:], query: [:])
        #expect(messages(source) == ["Endpoint is required"])
        source.target = .endpoint(id: "nope", pathParameters: [:], query: [:])
        #expect(messages(source, catalogue: ["contacts": []]) == ["Endpoint \"nope\" is not in the catalogue: see `infuse endpoints`"])
        source.target = .endpoint(id: "contact", pathParameters: [:], query: [:])
        #expect(messages(source, catalogue: ["contact": ["contactId"]]) == ["Endpoint contact needs a value for contactId"])
        source.target = .endpoint(id: "contact", pathParameters: ["contactId": "1", "x": "2"], query: [:])
        #expect(messages(source, catalogue: ["contact": ["contactId"]]) == ["Endpoint contact has no path parameter x"])
        source.target = .endpoint(id: "contact", pathParameters: ["contactId": "../tags"], query: [:])
        #expect(messages(source) == ["Endpoint parameter contactId must not contain /, ?, #, % or control characters"])
    }

    @Test func customURLMessages() {
        func urlMessages(_ url: String) -> [String] {
            messages(DataSource(name: "U", accountName: "Demo", target: .customURL(url)))
        }
        #expect(urlMessages("https://api.infusionsoft.com/crm/rest/v1/tags").isEmpty)
        #expect(urlMessages("http://localhost:8080/crm/rest/v1/tags").isEmpty)
        #expect(urlMessages("") == ["Custom Url is required"])
        for bad in ["not a url", "https://", "://missing-scheme", "https://exa mple.com/x", "tags", "https://x.com/\u{202E}"] {
            #expect(urlMessages(bad) == ["Custom Url is not a valid URL"], "\(bad)")
        }
        for insecure in ["http://api.infusionsoft.com/crm/rest/v1/tags", "ftp://example.com/file", "file://host/etc/passwd"] {
            #expect(urlMessages(insecure) == ["Custom Url must start with https:// (or http:// for a local sandbox)"], "\(insecure)")
        }
    }

    @Test func methodMessage() {
        var source = WorkspaceFixtures.source()
        source.method = "get"
        #expect(messages(source).isEmpty)
        for method in ["POST", "DELETE", "PUT", ""] {
            source.method = method
            #expect(messages(source) == ["Method must be GET: Infuse only reads data"])
        }
    }

    @Test func maxRowsMessagesAndParsing() throws {
        var source = WorkspaceFixtures.source()
        for bad in [0, -1, 1_000_001, Int.max, Int.min] {
            source.maxRows = bad
            #expect(messages(source) == ["Max Rows must be a whole number from 1 to 1,000,000"])
        }
        source.maxRows = 1_000_000
        #expect(messages(source).isEmpty)

        #expect(try DataSourceValidator.parseMaxRows("") == nil)
        #expect(try DataSourceValidator.parseMaxRows(" 2500 ") == 2500)
        #expect(try DataSourceValidator.parseMaxRows("1,000,000") == 1_000_000)
        #expect(try DataSourceValidator.parseMaxRows("1") == 1)
        for bad in ["-5", "0", "1000001", "99999999999999999999999", "abc", "12.5", "1e3", "٣", "+7", ","] {
            #expect(throws: FieldError(field: .maxRows, message: "Max Rows must be a whole number from 1 to 1,000,000"), "\(bad)") {
                try DataSourceValidator.parseMaxRows(bad)
            }
        }
    }

    @Test func refreshIntervalParsingMessage() throws {
        #expect(try DataSourceValidator.parseRefreshInterval("4h") == .hours4)
        let error = #expect(throws: FieldError.self) { try DataSourceValidator.parseRefreshInterval("5m") }
        #expect(error?.field == .refreshInterval)
        #expect(error?.message == "Refresh Interval must be one of never, 15m, 30m, 1h, 2h, 4h, 8h, 12h, 1d, 1w")
    }

    @Test func schemaMessages() {
        var source = WorkspaceFixtures.source()
        source.selectedSchemas = ["contacts", "contacts..emails", "", "contacts"]
        #expect(messages(source) == [
            "Schemas has an invalid path \"contacts..emails\"",
            "Schemas has an invalid path \"\"",
            "Schemas lists contacts twice",
        ])
        source.selectedSchemas = ["contacts.Email", "contacts.email"]
        #expect(messages(source) == ["Schemas contacts.Email and contacts.email would share the table contacts__email"])
    }

    @Test func everyMessageNamesItsField() {
        var source = WorkspaceFixtures.source("")
        source.description = String(repeating: "d", count: 501)
        source.accountName = ""
        source.target = .customURL("ftp://x")
        source.method = "POST"
        source.maxRows = 0
        source.selectedSchemas = ["a..b"]
        let errors = DataSourceValidator.validate(source, existingNames: [])
        #expect(errors.map(\.field) == [.name, .description, .account, .customURL, .method, .maxRows, .schemas])
        for error in errors {
            #expect(error.message.hasPrefix(error.field.label), "\(error.message)")
        }
    }

    private func field(of source: DataSource, existing: [String]) -> [DataSourceField] {
        DataSourceValidator.validate(source, existingNames: existing).map(\.field)
    }
}
