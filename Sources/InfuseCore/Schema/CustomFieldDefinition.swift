/// A Keap custom field definition, as listed in a resource model's `custom_fields`
/// (`GET /v1/contacts/model` → `ObjectModel.custom_fields[]`, a `CustomFieldMetaData`).
public struct CustomFieldDefinition: Sendable, Hashable, Codable {
    /// The field's id, matching `custom_fields[].id` in records.
    public var id: Int
    /// The label shown in Keap; the pivoted column is `custom_<label in snake_case>`.
    public var label: String
    /// Keap's `field_type` (`Text`, `WholeNumber`, `DecimalNumber`, `Currency`, `Date`, `YesNo`, …).
    public var fieldType: String

    /// Creates a definition.
    public init(id: Int, label: String, fieldType: String) {
        self.id = id
        self.label = label
        self.fieldType = fieldType
    }

    /// The column type a field of this `fieldType` starts from (observed values may widen it).
    /// v1 models spell types `WholeNumber`, v2 models (`GET /v2/contacts/model`) `WHOLE_NUMBER`.
    public var columnType: ColumnType {
        switch fieldType {
        case "WholeNumber", "Year", "WHOLE_NUMBER", "YEAR": .integer
        case "DecimalNumber", "Currency", "Percent", "DECIMAL_NUMBER", "CURRENCY", "PERCENT": .decimal
        case "Date", "DateTime", "DATE", "DATE_TIME": .dateTime
        case "YesNo", "YES_NO": .boolean
        default: .text
        }
    }

    /// Reads the definitions from a model response such as `GET /v1/contacts/model`
    /// (`{"custom_fields":[{"id":…,"label":…,"field_type":…}, …], …}`).
    public static func definitions(fromModel bytes: [UInt8]) throws -> [CustomFieldDefinition] {
        try bytes.withUnsafeBytes { buffer in
            var visitor = ModelVisitor()
            try JSONPageReader(maxDepth: 512).read(buffer, visitor: &visitor)
            if let problem = visitor.problem { throw SchemaError(problem) }
            return visitor.definitions
        }
    }
}

/// Collects `custom_fields` elements of a model response.
private struct ModelVisitor: JSONPageVisitor {
    var definitions: [CustomFieldDefinition] = []
    var inFields = false
    var base: UnsafePointer<UInt8>?
    var problem: String?

    mutating func beginPage(isArray: Bool, base: UnsafePointer<UInt8>) throws {
        if isArray { problem = "the model response is an array; expected an object with \"custom_fields\"" }
        self.base = base
    }
    mutating func rootMember(key: String, tape: JSONTape) throws {}
    mutating func beginList(key: String?) throws { inFields = key == "custom_fields" }
    mutating func endList() throws { inFields = false }
    mutating func endPage() throws {}

    mutating func listElement(index: Int, tape: JSONTape) throws {
        guard inFields, let base, tape[0].kind == .object else { return }
        var id: Int?
        var label = ""
        var fieldType = "Text"
        var i = 1
        while i < Int(tape[0].next) {
            let key = tape[i]
            let value = tape[i + 1]
            let name = JSONStringDecoder.string(base + Int(key.start), count: Int(key.end - key.start), escaped: key.hasEscapes)
            switch (name, value.kind) {
            case ("id", .integer):
                id = JSONNumbers.parseInt64(base + Int(value.start), count: Int(value.end - value.start)).map { Int($0) }
            case ("id", .string):
                id = Int(JSONStringDecoder.string(base + Int(value.start), count: Int(value.end - value.start), escaped: value.hasEscapes))
            case ("label", .string):
                label = JSONStringDecoder.string(base + Int(value.start), count: Int(value.end - value.start), escaped: value.hasEscapes)
            case ("field_type", .string):
                fieldType = JSONStringDecoder.string(base + Int(value.start), count: Int(value.end - value.start), escaped: value.hasEscapes)
            default: break
            }
            i = Int(value.next)
        }
        if let id { definitions.append(CustomFieldDefinition(id: id, label: label, fieldType: fieldType)) }
    }
}
