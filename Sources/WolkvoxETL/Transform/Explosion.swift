import FlatExport

/// `transform.explode: FIELD`: one row per element of a nested array, each carrying the
/// record's other columns.
///
/// - The array's column is replaced, in place, by its elements' fields in catalog order, named
///   as the element names them, or `COLUMN.name` when the record already has a column of that
///   name (`chat_2`'s `conversation` elements carry `channel`, as the chat does:
///   `conversation.channel`).
/// - An empty, null or missing array gives one row with the element's columns null: the
///   record's own fields must not vanish because it had nothing nested.
/// - An element's members the catalog does not know go where a record's unknown fields go:
///   after the columns in NDJSON, under the same naming rule.
struct Explosion: Sendable {
    /// The array's column in the row before it is exploded.
    let column: Int
    /// The element's known fields, in the order the nested coercion writes them.
    let elementCount: Int
    /// The output columns.
    let columns: [String]
    private let parentColumns: Set<String>
    private let arrayColumn: String

    init(column: Int, shape: NestedShape, parentColumns: [String]) {
        self.column = column
        arrayColumn = parentColumns[column]
        var others = parentColumns
        others.remove(at: column)
        self.parentColumns = Set(others)
        elementCount = shape.names.count
        let element = shape.names.map { [arrayColumn, others] name in others.contains(name) ? arrayColumn + "." + name : name }
        columns = Array(parentColumns[..<column]) + element + Array(parentColumns[(column + 1)...])
    }

    /// The rows of one record's row (`parent`, typed with the array still nested).
    func rows(_ parent: FlatRow, extras: [(String, String)]) -> [ExplodedRow] {
        let before = parent[..<column]
        let after = parent[(column + 1)...]
        guard case .array(let elements) = parent[column], !elements.isEmpty else {
            return [ExplodedRow(row: Array(before) + [FlatValue](repeating: .null, count: elementCount) + after, extras: extras)]
        }
        return elements.map { element in
            var row = FlatRow()
            row.reserveCapacity(columns.count)
            row += before
            var rowExtras = extras
            if case .object(let members) = element {
                for member in members.prefix(elementCount) { row.append(member.value) }
                for member in members.dropFirst(elementCount) {
                    let name = parentColumns.contains(member.name) || columns.contains(member.name) ? arrayColumn + "." + member.name : member.name
                    rowExtras.append((name, Self.text(member.value)))
                }
                if members.count < elementCount { row += [FlatValue](repeating: .null, count: elementCount - members.count) }
            } else {
                row += [FlatValue](repeating: .null, count: elementCount)
            }
            row += after
            return ExplodedRow(row: row, extras: rowExtras)
        }
    }

    /// An unknown member's value as an extra's text: a string as itself, anything else as JSON.
    private static func text(_ value: FlatValue) -> String {
        if case .text(let text) = value { return text }
        return value.jsonText
    }
}
