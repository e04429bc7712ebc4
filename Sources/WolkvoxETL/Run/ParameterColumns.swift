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
/// only the row knows). An answer that sends the field although the catalog lacks it keeps its
/// own value too, in the added column, so the name is never written twice.
struct ParameterColumns: Sendable {
    /// The added columns, in the report's parameter order.
    let names: [String]

    init(report: ReportSpec, params: [String: [String]], schema: FlatSchema) {
        let taken = Set(schema.columns)
        names = report.parameters.map(\.name).filter { name in
            params[name] != nil && report.field(named: name) == nil && !taken.contains(name)
        }
    }

    /// The schema of the landed files: the transform's columns, then these.
    func extending(_ schema: FlatSchema) -> FlatSchema { FlatSchema(columns: schema.columns + names) }

    /// What a lane's rows carry in the added columns.
    func values(for lane: ParameterLane) -> [String] {
        names.map { name in lane.parameters.first { $0.name == name }?.value ?? "" }
    }

    /// Appends the added columns to a transformed row: the answer's own value when it sent the
    /// field (taken out of `extras`), else the lane's.
    func apply(_ values: [String], to row: inout FlatRow, extras: inout [(String, String)]) {
        for (name, value) in zip(names, values) {
            if let own = extras.firstIndex(where: { $0.0 == name }) {
                row.append(.text(extras[own].1))
                extras.remove(at: own)
            } else {
                row.append(.text(value))
            }
        }
    }
}
