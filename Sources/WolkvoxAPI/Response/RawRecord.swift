/// One element of a response's `data`, as the API sent it: field names and string values in
/// arrival order. Values that were not strings (numbers, null, nested) are kept as their JSON text,
/// with `null` as nil.
public struct RawRecord: Sendable, Hashable {
    public var fields: [Field]

    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String?

        public init(name: String, value: String?) {
            self.name = name
            self.value = value
        }
    }

    public init(fields: [Field] = []) { self.fields = fields }

    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value ?? nil
    }
}
