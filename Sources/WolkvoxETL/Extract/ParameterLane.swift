package import WolkvoxAPI

/// One combination of `source.params` values that a run asks on its own: the API takes one value
/// a parameter a call, so `skill_id: [5, 7, 9]` is three lanes over the same days, each with its
/// own windows, cut answers and splits (rows of one value never stand in for another's).
///
/// Lanes are numbered from 0 in a fixed order (the report's parameters in catalog order, each
/// parameter's values as the pipeline lists them, the last parameter varying fastest), so a
/// resumed run numbers them as the interrupted one did. A pipeline without parameters, or with
/// one value for each, has the single lane 0, which asks exactly what it asked before lanes.
package struct ParameterLane: Sendable, Hashable, CustomStringConvertible {
    package var index: Int
    /// What this lane's requests add to the query, in the report's parameter order.
    package var parameters: [QueryParameter]

    package init(index: Int, parameters: [QueryParameter]) {
        self.index = index
        self.parameters = parameters
    }

    /// `skill_id=5` (`campaign_id=3 type=x` for several parameters); empty without parameters.
    package var description: String { parameters.map(\.description).joined(separator: " ") }

    /// The lanes of a report asked with `params`: the product of each parameter's values.
    /// Parameters the report does not take are ignored (validation refused them already).
    package static func lanes(report: ReportSpec, params: [String: [String]]) -> [ParameterLane] {
        var combinations: [[QueryParameter]] = [[]]
        for parameter in report.parameters {
            guard let values = params[parameter.name], !values.isEmpty else { continue }
            combinations = combinations.flatMap { prefix in
                values.map { prefix + [QueryParameter(name: parameter.name, value: $0)] }
            }
        }
        return combinations.enumerated().map { ParameterLane(index: $0.offset, parameters: $0.element) }
    }
}
