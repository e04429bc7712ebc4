/// One report parameter as a request asks it: `&skill_id=5`. The API takes one value a call,
/// so a list in `source.params` becomes several requests, each with its own `QueryParameter`s.
package struct QueryParameter: Sendable, Hashable, CustomStringConvertible {
    /// The API's own spelling of the parameter (`skill_id`, `cod_act`).
    package var name: String
    /// Sent as given (percent-encoded): ids are text, and `all` is a value the API understands.
    package var value: String

    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// `skill_id=5`, for logs and failure reasons (no secret is ever a parameter).
    package var description: String { "\(name)=\(value)" }
}
