import Testing
import WolkvoxAPI

/// The parser is push-based: however the network cuts the body, the result must be the same.
struct ResponseParserChunkingTests {
    @Test(arguments: Fixture.allCases)
    func splittingAtEveryByteGivesTheSameRecordsAndEnvelope(fixture: Fixture) throws {
        let body = try fixture.bytes
        let whole = try parse(body)
        for cut in 0...body.count {
            let split = try parse(body, splitAt: [cut])
            #expect(split == whole, "split at byte \(cut)")
            if split != whole { break }
        }
    }

    @Test(arguments: Fixture.allCases)
    func oneByteChunksGiveTheSameRecordsAndEnvelope(fixture: Fixture) throws {
        let body = try fixture.bytes
        #expect(try parseByteByByte(body) == (try parse(body)))
    }

    @Test(arguments: Fixture.allCases)
    func threeWaySplitsGiveTheSameResult(fixture: Fixture) throws {
        let body = try fixture.bytes
        let whole = try parse(body)
        let step = max(1, body.count / 23)
        for a in stride(from: 0, through: body.count, by: step) {
            for b in stride(from: a, through: body.count, by: step) {
                #expect(try parse(body, splitAt: [a, b]) == whole, "split at \(a) and \(b)")
            }
        }
    }

    @Test func largeBodyInNetworkSizedChunksKeepsMemoryToOneRecord() throws {
        let record = #"{"agent_name":"Ana \"A\" \u00e9","date":"2025-01-05 10:00:00","telephone":"0057","comment":"x\ny"}"#
        let count = 20_000
        var body = Array(#"{"code":"200","data":["#.utf8)
        for i in 0..<count {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            body += Array(record.utf8)
        }
        body += Array(#"],"msg":"ok"}"#.utf8)
        var parser = ResponseParser(maxRecordBytes: 4096)
        var seen = 0
        var offset = 0
        var chunk = 1
        while offset < body.count {
            // Irregular chunk sizes, like a socket's.
            chunk = chunk * 7 % 8191 + 1
            let end = min(body.count, offset + chunk)
            try body[offset..<end].withUnsafeBytes { bytes in
                try parser.consume(bytes) { record in
                    #expect(record["comment"] == "x\ny")
                    seen += 1
                }
            }
            offset = end
        }
        let envelope = try parser.finish()
        #expect(seen == count)
        #expect(envelope.recordCount == count)
        #expect(envelope.msg == "ok")
    }
}
