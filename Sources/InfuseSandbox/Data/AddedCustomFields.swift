/// Contact custom fields added while the sandbox runs (`POST /_sandbox/changes` with
/// `add_field`): the account's shape changes between two refreshes, as when a Keap admin adds a
/// field and the team starts filling it in.
extension SandboxWorld {
    /// The contact custom fields: the seeded ones, then those changes added.
    func contactFieldDefinitions() -> [CustomFieldDefinition] {
        ModelDefinitions.contactFields + changes.addedContactFields().map(\.definition)
    }

    /// Contact `index`'s value of `field`: set once the contact was updated or created by the
    /// call that added the field or a later one, else nil.
    func addedFieldValue(_ field: AddedCustomField, contact index: Int) -> Int? {
        guard let revision = changes.revision(.contacts, index), let call = revision.call, call >= field.call else { return nil }
        return (index &* 31 &+ revision.revision &* 7 &+ field.id) % 1000
    }

    /// Writes the `{id, content}` values of the added fields after the seeded ones: v1 writes a
    /// null content, v2 leaves it out (as for the seeded fields).
    func writeAddedContactFields(_ index: Int, v2: Bool, into w: inout JSONWriter) {
        for field in changes.addedContactFields() {
            let value = addedFieldValue(field, contact: index)
            w.beginObject()
            if v2 { w.field("id", String(field.id)) } else { w.field("id", field.id) }
            if let value {
                w.key("content")
                w.int(value)
            } else if !v2 {
                w.key("content")
                w.null()
            }
            w.endObject()
        }
    }
}

extension AddedCustomField {
    /// The field as `/model` lists it: a whole number on contacts.
    var definition: CustomFieldDefinition {
        CustomFieldDefinition(
            id: id, label: label, fieldName: label.filter { !$0.isWhitespace }, fieldType: "WholeNumber",
            recordType: "CONTACT", content: .wholeNumber)
    }
}
