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

    @Option(help: "Seed of the injected faults (which requests misbehave).")
    var faultSeed: UInt64 = 1

    @Option(help: "Share of requests answered 500 with an HTML page (0...1).")
    var serverErrorRate: Double = 0

    @Option(help: "Share of 200 answers whose connection drops half way.")
    var dropRate: Double = 0

    @Option(help: "Share of answers held for --slow-delay seconds.")
    var slowRate: Double = 0

    @Option(help: "How long a slow answer stalls, in seconds.")
    var slowDelay: Double = 90

    @Option(help: "Share of 200 answers whose JSON is cut short.")
    var truncatedJsonRate: Double = 0

    @Option(help: "Share of 200 answers whose JSON is garbled.")
    var garbledJsonRate: Double = 0

    @Option(help: "Share of requests refused with the documented 403 for a busy token.")
    var busyRate: Double = 0

    @Option(help: "Share of requests refused with a 403 maintenance page.")
    var maintenanceRate: Double = 0

    @Option(help: "Answer 403 TOKEN LIMIT EXCEEDED after this many calls (the daily quota).")
    var quotaAfterCalls: Int?

    @Option(help: "Send Retry-After with this many seconds on busy, maintenance and 500 answers.")
    var retryAfter: Int?

    func validate() throws {
        for (name, rate) in [
            ("--server-error-rate", serverErrorRate), ("--drop-rate", dropRate), ("--slow-rate", slowRate),
            ("--truncated-json-rate", truncatedJsonRate), ("--garbled-json-rate", garbledJsonRate),
            ("--busy-rate", busyRate), ("--maintenance-rate", maintenanceRate),
        ] where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1, got \(rate)")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, got \(port)") }
        guard recordCap >= 1 else { throw ValidationError("--record-cap must be at least 1") }
    }

    func run() async throws {
        var configuration = MockConfiguration()
        configuration.port = port
        configuration.token = token
        configuration.seed = seed
        configuration.recordCap = recordCap
        configuration.faults.seed = faultSeed
        configuration.faults.serverErrorRate = serverErrorRate
        configuration.faults.dropMidBodyRate = dropRate
        configuration.faults.slowRate = slowRate
        configuration.faults.slowDelay = .milliseconds(Int64(slowDelay * 1000))
        configuration.faults.truncatedJSONRate = truncatedJsonRate
        configuration.faults.garbledJSONRate = garbledJsonRate
        configuration.faults.busyRate = busyRate
        configuration.faults.maintenanceRate = maintenanceRate
        configuration.faults.quotaAfterCalls = quotaAfterCalls
        configuration.faults.retryAfterSeconds = retryAfter
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
