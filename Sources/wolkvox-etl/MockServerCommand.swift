import ArgumentParser
import Foundation
import WolkvoxMock

struct MockServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock-server",
        abstract: "Run a local fake Wolkvox API (all five reports, the documented limits) until Ctrl-C."
    )

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The token the server accepts in the wolkvox-token header.")
    var token: String = "mock-token"

    @Option(help: "Seed of the synthetic data: the same seed always serves the same records.")
    var seed: UInt64 = 1

    @Option(help: "Records per response before silent truncation (the API's cap is 60000).")
    var recordCap: Int = 60_000

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, got \(port)") }
        guard recordCap >= 1 else { throw ValidationError("--record-cap must be at least 1") }
    }

    func run() async throws {
        var configuration = MockConfiguration()
        configuration.port = port
        configuration.token = token
        configuration.seed = seed
        configuration.recordCap = recordCap
        let server = MockServer(configuration)
        let seed = seed
        let token = token
        try await server.run { url in
            // Written unbuffered: a script reading our stdout through a pipe needs the URL now.
            let text =
                "wolkvox mock listening on \(url) (seed \(seed)); Ctrl-C stops it\n"
                + "try: curl -H 'wolkvox-token: \(token)' "
                + "'\(url)/api/v2/reports_manager.php?api=cdr_1&date_ini=20250303000000&date_end=20250303235959'\n"
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
