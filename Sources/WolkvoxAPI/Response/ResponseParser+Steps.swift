extension ResponseParser {
    /// Advances the state machine by one token or one value.
    /// - Returns: false when the buffered bytes end before the next token is complete.
    mutating func step(_ p: UnsafeRawBufferPointer, batch: inout RecordBatch) throws(WolkvoxResponseError) -> Bool {
        switch state {
        case .start:
            return try stepStart(p)
        case .topKey(let first):
            if !scanner.isActive {
                guard let b = skipWhitespace(p) else { return false }
                if b == ASCII.closeBrace, first {
                    pos += 1
                    state = .end
                    return true
                }
                guard b == ASCII.quote else { throw malformed(p, first ? "expected '\"' or '}'" : "expected '\"' to start a key") }
                scanner.begin(at: pos, first: b)
            }
            guard let end = try scan(p) else { return false }
            var reader = JSONReader(p, base: base, from: pos, to: end)
            let key = try reader.readWholeString()
            pos = end
            state = .topColon(topKey(key))
        case .topColon(let key):
            guard try expect(p, ASCII.colon, "expected ':' after a key") else { return false }
            state = key == .data ? .dataStart : .topValue(key)
        case .topValue(let key):
            guard let text = try scanWholeValue(p) else { return false }
            switch key {
            case .code: envelope.code = text
            case .error: envelope.error = text
            case .msg: envelope.msg = text
            case .data, .other: break
            }
            state = .topNext
        case .topNext:
            guard let b = skipWhitespace(p) else { return false }
            pos += 1
            if b == ASCII.comma {
                state = .topKey(first: false)
            } else if b == ASCII.closeBrace {
                state = .end
            } else {
                pos -= 1
                throw malformed(p, "expected ',' or '}' after value")
            }
        case .dataStart:
            return try stepDataStart(p)
        case .listElement(let first):
            if !scanner.isActive {
                guard let b = skipWhitespace(p) else { return false }
                if b == ASCII.closeBracket, first {
                    pos += 1
                    state = .topNext
                    return true
                }
                guard b == ASCII.openBrace else {
                    throw malformed(p, "element \(envelope.recordCount) of data is not an object")
                }
                if readWholeRecord(p, into: &batch) {
                    state = .listNext
                    return true
                }
                scanner.begin(at: pos, first: b)
            }
            guard try scanRecord(p, into: &batch) else { return false }
            state = .listNext
        case .listNext:
            guard let b = skipWhitespace(p) else { return false }
            guard b == ASCII.comma || b == ASCII.closeBracket else {
                throw malformed(p, "expected ',' or ']' after a record in data")
            }
            pos += 1
            state = b == ASCII.comma ? .listElement(first: false) : .topNext
        case .objectPeek:
            return try stepObjectPeek(p)
        case .mapKey(let first):
            if !scanner.isActive {
                guard let b = skipWhitespace(p) else { return false }
                if b == ASCII.closeBrace, first {
                    pos += 1
                    state = .topNext
                    return true
                }
                guard b == ASCII.quote else { throw malformed(p, "expected '\"' to start a key in data") }
                scanner.begin(at: pos, first: b)
            }
            guard let end = try scan(p) else { return false }
            var reader = JSONReader(p, base: base, from: pos, to: end)
            _ = try reader.readWholeString()
            pos = end
            state = .mapColon
        case .mapColon:
            guard try expect(p, ASCII.colon, "expected ':' after a key in data") else { return false }
            state = .mapValue
        case .mapValue:
            if !scanner.isActive {
                guard let b = skipWhitespace(p) else { return false }
                guard b == ASCII.openBrace else {
                    throw malformed(p, "member \(envelope.recordCount) of data is not an object, unlike the first")
                }
                if readWholeRecord(p, into: &batch) {
                    state = .mapNext
                    return true
                }
                scanner.begin(at: pos, first: b)
            }
            guard try scanRecord(p, into: &batch) else { return false }
            state = .mapNext
        case .mapNext:
            guard let b = skipWhitespace(p) else { return false }
            guard b == ASCII.comma || b == ASCII.closeBrace else {
                throw malformed(p, "expected ',' or '}' after a record in data")
            }
            pos += 1
            state = b == ASCII.comma ? .mapKey(first: false) : .topNext
        case .singleRecord:
            guard try scanRecord(p, into: &batch) else { return false }
            state = .topNext
        case .end:
            guard skipWhitespace(p) != nil else { return false }
            throw malformed(p, "unexpected bytes after the end of the JSON object")
        }
        return true
    }

    private func topKey(_ key: String) -> TopKey {
        switch key {
        case "code": .code
        case "error": .error
        case "msg": .msg
        case rowsKey: .data
        default: .other
        }
    }

    private mutating func stepStart(_ p: UnsafeRawBufferPointer) throws(WolkvoxResponseError) -> Bool {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        if pos == 0, p.count > 0, p[0] == bom[0] {
            guard p.count >= 3 else { return p.elementsEqual(bom.prefix(p.count)) ? false : try fail() }
            guard p[1] == bom[1], p[2] == bom[2] else { return try fail() }
            pos = 3
        }
        guard let b = skipWhitespace(p) else { return false }
        guard b == ASCII.openBrace else { return try fail() }
        pos += 1
        state = .topKey(first: true)
        return true

        func fail() throws(WolkvoxResponseError) -> Bool {
            let html = skipWhitespace(p) == ASCII.lessThan
            throw malformed(p, html ? "expected '{', found what looks like an HTML page" : "expected '{' to start the response")
        }
    }

    private mutating func stepDataStart(_ p: UnsafeRawBufferPointer) throws(WolkvoxResponseError) -> Bool {
        guard let b = skipWhitespace(p) else { return false }
        switch b {
        case ASCII.openBracket:
            envelope.dataShape = .list
            pos += 1
            state = .listElement(first: true)
        case ASCII.openBrace where rowsEnvelope == .object:
            envelope.dataShape = .object
            scanner.begin(at: pos, first: b)
            state = .singleRecord
        case ASCII.openBrace:
            envelope.dataShape = .object
            pos += 1
            state = .objectPeek
        case ASCII.lowerN:
            // Any value starting with 'n' that is not exactly `null` fails to read or reads as text.
            guard let text = try scanWholeValue(p) else { return false }
            guard text == nil else { throw malformed(p, "data must be a list, an object or null") }
            envelope.dataShape = .null
            state = .topNext
        default:
            throw malformed(p, "data must be a list, an object or null")
        }
        return true
    }

    /// Looks past `"data": {` at the first member's value to tell a map of records from a record.
    /// Nothing is consumed until the shape is known, so the bytes stay for either reading.
    private mutating func stepObjectPeek(_ p: UnsafeRawBufferPointer) throws(WolkvoxResponseError) -> Bool {
        var i = pos - base
        func skip() { while i < p.count, ASCII.isWhitespace(p[i]) { i += 1 } }
        skip()
        guard i < p.count else { return false }
        if p[i] == ASCII.quote {
            i += 1
            var escaped = false
            while i < p.count, escaped || p[i] != ASCII.quote {
                escaped = !escaped && p[i] == ASCII.backslash
                i += 1
            }
            i += 1
            skip()
            if i < p.count, p[i] == ASCII.colon {
                i += 1
                skip()
            }
            guard i < p.count else {
                if base + p.count - pos > maxRecordBytes { throw tooLarge(p, start: pos - 1) }
                return false
            }
        }
        if p[i] == ASCII.openBrace || p[i] == ASCII.closeBrace {
            state = .mapKey(first: true)
        } else {
            pos -= 1
            scanner.begin(at: pos, first: ASCII.openBrace)
            state = .singleRecord
        }
        return true
    }
}
