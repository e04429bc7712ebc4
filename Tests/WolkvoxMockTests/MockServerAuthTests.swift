import Testing
import WolkvoxAPI
import WolkvoxMock

struct MockServerAuthTests {
    @Test func missingTokenIsRefusedWith401() async throws {
        try await MockServer.withRunning(MockConfiguration()) { server in
            let answer = try await get(server.baseURL, reportPath("cdr_1", "20250102000000", "20250102235959"), token: nil)
            #expect(answer.status == 401)
            #expect(answer.text == #"{"code": "401", "error": "Unauthorized", "msg": "PLEASE ENTER THE WOLKVOX-TOKEN"}"#)
        }
    }

    @Test func wrongTokenIsRefusedWith403() async throws {
        try await MockServer.withRunning(MockConfiguration()) { server in
            let answer = try await get(server.baseURL, reportPath("cdr_1", "20250102000000", "20250102235959"), token: "nope")
            #expect(answer.status == 403)
            #expect(answer.text == #"{"code": "403", "error": "Forbidden", "msg": "PLEASE VALIDATE TOKEN"}"#)
            #expect(server.stats.requests == 1)
        }
    }

    @Test func baseURLHasTheBoundPort() async throws {
        try await MockServer.withRunning(MockConfiguration()) { server in
            #expect(server.baseURL.hasPrefix("http://127.0.0.1:"))
            #expect(!server.baseURL.hasSuffix(":0"))
        }
    }
}
