/// One typed cell of a flat row.
public enum FlatValue: Sendable, Hashable {
    case null
    /// Text: quoted in JSON, as-is (RFC 4180 quoted when needed) in CSV.
    case text(String)
    /// A number already in JSON number syntax (e.g. `"0.0150"`, `"-3"`), written verbatim
    /// so decimals keep their exact digits.
    case number(String)
    /// Already-encoded JSON (an object or array), embedded as-is in NDJSON and written as its
    /// text in CSV. Used for a reject's original record.
    case json(String)
}

/// The columns of a dataset, in output order (NDJSON key order, CSV header).
public struct FlatSchema: Sendable, Hashable {
    public var columns: [String]
    public init(columns: [String]) { self.columns = columns }
}

/// One row, aligned with its `FlatSchema`'s columns.
public typealias FlatRow = [FlatValue]
