package import AsyncHTTPClient
import NIOCore

extension WolkvoxClient {
    /// How long one try to open a connection may take.
    package static let connectTimeout: Duration = .seconds(10)

    /// async-http-client's shared configuration, except that a connection that cannot be opened
    /// fails the request at once.
    ///
    /// By default the connection pool tries again, with backoff, to open a connection that was
    /// refused or whose host does not resolve, until the request's deadline: a server that is
    /// down, or a mistyped host, then costs each request its whole timeout (about a minute)
    /// before anyone hears of it. The client tells those failures apart instead
    /// (`WolkvoxAPIError.Kind.hostNotFound`, `.connectionRefused`) and retries a refusal
    /// briefly itself (`refusalRetry`).
    package static var httpClientConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        let c = connectTimeout.components
        configuration.timeout.connect = .nanoseconds(c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000)
        return configuration
    }

    /// The client every `WolkvoxClient` uses unless given another: like `HTTPClient.shared`, one
    /// for the process, never shut down, on the shared event loops; configured by
    /// `httpClientConfiguration`.
    package static let sharedHTTPClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpClientConfiguration)
}
