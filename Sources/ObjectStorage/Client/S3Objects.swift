public import Foundation

/// An object as a listing or a HEAD describes it.
public struct S3Object: Sendable, Hashable {
    public var key: String
    public var size: Int
    /// Without quotes.
    public var eTag: String
    /// As the server wrote it (ISO 8601 in listings, HTTP date in HEAD).
    public var lastModified: String
}

/// One page of a ListObjectsV2 answer.
public struct S3ObjectPage: Sendable, Hashable {
    public var objects: [S3Object]
    /// Pass to the next request; nil on the last page.
    public var continuationToken: String?
}

/// A multipart upload started and neither completed nor aborted.
public struct S3MultipartUpload: Sendable, Hashable {
    public var key: String
    public var uploadID: String
    public var initiated: String
}

/// A part uploaded, for CompleteMultipartUpload.
public struct S3UploadedPart: Sendable, Hashable {
    public var number: Int
    public var eTag: String
}

/// An object read whole, with what dates it.
public struct S3ObjectContent: Sendable, Hashable {
    public var bytes: [UInt8]
    /// Without quotes.
    public var eTag: String
    /// When the object was last written, by the server's clock (second precision).
    public var lastModified: Date
    /// The server's clock when it answered.
    public var serverDate: Date

    public init(bytes: [UInt8], eTag: String, lastModified: Date, serverDate: Date) {
        self.bytes = bytes
        self.eTag = eTag
        self.lastModified = lastModified
        self.serverDate = serverDate
    }
}
