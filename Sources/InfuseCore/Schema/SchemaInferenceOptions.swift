/// Pivots Keap's `custom_fields: [{id, content}]` arrays into typed columns on their parent.
public struct CustomFieldPivot: Sendable, Hashable {
    /// The definitions (from the resource's `/model`); each becomes a column `custom_<label>`.
    public var definitions: [CustomFieldDefinition]
    /// The key holding the custom field array.
    public var fieldName: String

    /// Creates a pivot for `definitions`; ids seen in data but not defined get `custom_field_<id>`.
    public init(definitions: [CustomFieldDefinition], fieldName: String = "custom_fields") {
        self.definitions = definitions
        self.fieldName = fieldName
    }
}

/// Options for `SchemaInferrer`.
public struct SchemaInferenceOptions: Sendable, Hashable {
    /// Name of the schema for pages that are a bare top-level array of records.
    public var recordsName: String
    /// Rows kept per schema for the preview grid.
    public var previewRowLimit: Int
    /// Bytes of early pages kept to build the preview (pages are kept until every schema seen
    /// has `previewRowLimit` rows or this budget is spent).
    public var previewByteBudget: Int
    /// Deepest nesting of objects and arrays accepted.
    public var maxDepth: Int
    /// When set, `custom_fields` arrays become columns instead of a child schema.
    public var customFields: CustomFieldPivot?

    /// Creates options; the defaults suit Keap list responses.
    public init(recordsName: String = "records", previewRowLimit: Int = 100, previewByteBudget: Int = 16 << 20,
                maxDepth: Int = 512, customFields: CustomFieldPivot? = nil) {
        self.recordsName = recordsName
        self.previewRowLimit = previewRowLimit
        self.previewByteBudget = previewByteBudget
        self.maxDepth = maxDepth
        self.customFields = customFields
    }
}
