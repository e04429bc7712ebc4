/// One typed cell of a flat row.
package enum FlatValue: Sendable, Hashable {
    case null
    /// Text: quoted in JSON, as-is (RFC 4180 quoted when needed) in CSV.
    case text(String)
    /// A number already in JSON number syntax (e.g. `"0.0150"`, `"-3"`), written verbatim
    /// so decimals keep their exact digits.
    case number(String)
    /// Already-encoded JSON (an object or array), embedded as-is in NDJSON and written as its
    /// text in CSV. Used for a reject's original record.
    case json(String)
    /// A nested array (a field the catalog declares as one), its elements typed like any cell:
    /// a JSON array in NDJSON, its JSON text in one CSV cell.
    case array([FlatValue])
    /// A nested object, its members in order: a JSON object in NDJSON, its JSON text in one CSV cell.
    case object([FlatMember])
}

/// One member of a nested ``FlatValue/object(_:)``.
package struct FlatMember: Sendable, Hashable {
    package var name: String
    package var value: FlatValue

    package init(_ name: String, _ value: FlatValue) {
        self.name = name
        self.value = value
    }
}

/// The columns of a dataset, in output order (NDJSON key order, CSV header).
package struct FlatSchema: Sendable, Hashable {
    package var columns: [String]
    package init(columns: [String]) { self.columns = columns }
}

/// One row, aligned with its `FlatSchema`'s columns.
package typealias FlatRow = [FlatValue]
