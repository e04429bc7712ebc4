import FlatExport
import WolkvoxAPI

/// The columns `source.params` adds to a report's rows: one per parameter the pipeline sets that
/// the report's own fields do not carry (`skill_id` on `skill_6`, `campaign_id` on
/// `campaign_1`), after every other column, as text, holding the value the row was asked with.
///
/// Added whenever the pipeline sets the parameter, whether to one value, `all` or a list: a
/// pipeline's files then have one schema whatever its list holds tomorrow (a list grown from one
/// value to two must not add a column to later days only), and a row always says what it was
/// asked with; with `all` the column says `all`, which is what the row's totals cover. Where the
/// report carries the field, the row's own value stays (the API's, not the one asked: with `all`
/// only the row knows); a row that left it empty gets the one value it was asked with. An answer
/// that sends the field although the catalog lacks it keeps its own value too, in the added
/// column, so the name is never written twice.
struct ParameterColumns: Sendable {
    /// The added columns, in the report's parameter order.
    let names: [String]
    /// Text columns of the report's own that carry a parameter, by the parameter's name.
    private let carried: [String: Int]

    /// What one lane's rows get.
    struct LaneValues: Sendable {
        /// One per added column.
        var added: [String]
        /// Column -> the value asked, for the report's own columns left empty (never `all`).
        var fills: [Int: String]
    }

    init(report: ReportSpec, params: [String: [String]], transform: Pipeline.Transform = .init(), schema: FlatSchema) {
        let taken = Set(schema.columns)
        names = report.parameters.map(\.name).filter { name in
            params[name] != nil && report.field(named: name) == nil && !taken.contains(name)
        }
        var carried: [String: Int] = [:]
        for parameter in report.parameters where params[parameter.name] != nil {
            // Only a text column takes the value as asked: a type override may want a number.
            guard let field = report.field(named: parameter.name), (transform.fields[field.name] ?? field.type) == .string,
                let column = schema.columns.firstIndex(of: transform.rename[field.name] ?? field.name),
                !transform.drop.contains(field.name)
            else { continue }
            carried[parameter.name] = column
        }
        self.carried = carried
    }

    /// Whether rows need anything from this.
    var isEmpty: Bool { names.isEmpty && carried.isEmpty }

    /// The schema of the landed files: the transform's columns, then these.
    func extending(_ schema: FlatSchema) -> FlatSchema { FlatSchema(columns: schema.columns + names) }

    /// What a lane's rows carry.
    func values(for lane: ParameterLane) -> LaneValues {
        let value = { (name: String) in lane.parameters.first { $0.name == name }?.value }
        var fills: [Int: String] = [:]
        for (name, column) in carried {
            if let asked = value(name), asked.lowercased() != "all" { fills[column] = asked }
        }
        return LaneValues(added: names.map { value($0) ?? "" }, fills: fills)
    }

    /// Appends the added columns to a transformed row (the answer's own value when it sent the
    /// field, taken out of `extras`, else the lane's), and fills the carried ones it left empty.
    func apply(_ values: LaneValues, to row: inout FlatRow, extras: inout [(String, String)]) {
        for (column, value) in values.fills where row[column] == .null { row[column] = .text(value) }
        for (name, value) in zip(names, values.added) {
            if let own = extras.firstIndex(where: { $0.0 == name }) {
                row.append(.text(extras[own].1))
                extras.remove(at: own)
            } else {
                row.append(.text(value))
            }
        }
    }
}
