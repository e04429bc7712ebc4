package import WolkvoxAPI

extension Pipeline {
    /// `transform:` — how the API's strings become typed columns.
    package struct Transform: Sendable, Hashable {
        /// Type overrides for catalog fields; a name the catalog does not know declares an
        /// extra pass-through column of that type (appended after the catalog's, by name).
        package var fields: [String: FieldType]
        /// Catalog fields left out of the output.
        package var drop: [String]
        /// Output names: source field name -> column name.
        package var rename: [String: String]
        package var onError: OnError
        /// A nested array field to land as one row per element (``Explosion``).
        package var explode: String?

        package init(
            fields: [String: FieldType] = [:], drop: [String] = [], rename: [String: String] = [:],
            onError: OnError = .reject, explode: String? = nil
        ) {
            self.fields = fields
            self.drop = drop
            self.rename = rename
            self.onError = onError
            self.explode = explode
        }
    }

    /// What to do with a value that does not coerce to its field's type.
    package enum OnError: String, Sendable, Hashable, CaseIterable {
        /// Send the record, unchanged, to `_wolkvox/rejects/` with the field and the reason.
        case reject
        /// Null the field and keep the record (a bad day field still rejects: it cannot be placed).
        case null
        /// Stop the run.
        case fail
    }
}
