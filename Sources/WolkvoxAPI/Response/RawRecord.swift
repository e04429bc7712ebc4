/// One element of a response's `data`, as the API sent it: field names and string values in
/// arrival order. Values that were not strings (numbers, null, nested) are kept as their JSON text,
/// with `null` as nil.
package struct RawRecord: Sendable, Hashable {
    package var fields: [Field]

    package struct Field: Sendable, Hashable {
        package var name: String
        package var value: String?

        package init(name: String, value: String?) {
            self.name = name
            self.value = value
        }
    }

    package init(fields: [Field] = []) { self.fields = fields }

    package subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value ?? nil
    }
}
