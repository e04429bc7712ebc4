/// An error of the pipeline runner, with what the user can do about it.
package struct ETLError: Error, CustomStringConvertible, Sendable {
    package enum Code: String, Sendable {
        /// A bad pipeline or arguments.
        case pipeline
        /// The call budget or the daily quota is spent.
        case quota
        /// The token was refused.
        case auth
        /// The server cannot be reached: its name does not resolve, or it refuses connections.
        case unreachable
        /// The state file is unreadable.
        case state
        /// Files could not be written.
        case io
        /// A run was interrupted by a signal.
        case interrupted
        /// Some days failed.
        case daysFailed
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
