import WolkvoxAPI
import Hummingbird
import Logging

/// A fake Wolkvox API over loopback HTTP, with the real API's answers and limits and
/// deterministic data (see `MockDataset`).
///
/// ```swift
/// try await MockServer.withRunning(MockConfiguration()) { server in
///     // point the client at server.baseURL with token "mock-token"
/// }
/// ```
package final class MockServer: Sendable {
    package let configuration: MockConfiguration
    /// The ground truth the server answers from.
    package let dataset: MockDataset
    let state = MockState()

    package init(_ configuration: MockConfiguration) {
        self.configuration = configuration
        dataset = MockDataset(seed: configuration.seed, configuration: configuration.dataset)
    }

    /// `http://HOST:PORT` with the bound port; empty until the server is listening.
    package var baseURL: String { state.baseURL ?? "" }

    package var stats: MockStats { state.stats }

    /// Starts a server, runs `body` with it, then stops it (also when `body` throws).
    /// - Throws: what `body` throws, or the server's error if it cannot start (port taken).
    package static func withRunning<T: Sendable>(
        _ configuration: MockConfiguration, _ body: @Sendable (MockServer) async throws -> T
    ) async throws -> T {
        let server = MockServer(configuration)
        let (started, startedContinuation) = AsyncStream.makeStream(of: String.self)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { startedContinuation.finish() }
                try await server.run { url in startedContinuation.yield(url) }
            }
            var iterator = started.makeAsyncIterator()
            guard await iterator.next() != nil else {
                // The server stopped before listening: surface its error.
                try await group.next()
                throw MockServerError(message: "the mock server stopped before it was listening")
            }
            defer { group.cancelAll() }
            return try await body(server)
        }
    }

    /// Runs until the task is cancelled, printing nothing itself.
    /// - Parameter onStarted: called once with the base URL (`http://127.0.0.1:PORT`) when listening.
    package func run(onStarted: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            await self.respond(to: request)
        }
        let host = configuration.host
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil),
            onServerRunning: { [state] channel in
                let port = channel.localAddress?.port ?? 0
                let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
                state.baseURL = url
                onStarted(url)
            },
            logger: Logger(label: "wolkvox-mock", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        try await app.run()
    }
}

/// The mock could not run.
package struct MockServerError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { "mock server: \(message)" }
}
