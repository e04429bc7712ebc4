/// An error of the pipeline runner, with what the user can do about it.
public struct ETLError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
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

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
