#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOHTTP1

/// The per-connection HTTP handler: turns each request into a `FixtureRequest`, asks the site
/// for its action, carries it out, and logs the request and what was done.
final class FixtureHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let site: any FixtureSite
    private let host: String
    private let port: Int
    private let log: RequestLog
    private let connection: Int

    private var head: HTTPRequestHead?
    /// The log id of the request being answered, until its response is complete.
    private var current: Int?
    private var active = true

    init(site: any FixtureSite, host: String, port: Int, log: RequestLog) {
        self.site = site
        self.host = host
        self.port = port
        self.log = log
        self.connection = log.nextConnection()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head else { return }
            self.head = nil
            answer(head, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        active = false
        if let current {
            log.end(current, status: nil, outcome: .closedEarly)
            self.current = nil
        }
        context.fireChannelInactive()
    }

    private func answer(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let request = FixtureRequest(
            method: head.method.rawValue,
            target: head.uri,
            headers: head.headers.map { FixtureRequest.Header($0.name, $0.value) })
        let id = log.begin(site: site.name, host: host, port: port, connection: connection, request: request)
        current = id
        switch site.action(for: request) {
        case .respond(let response):
            send(response, for: head, id: id, context: context)
        case .slowBody(let response, let chunkSize, let interval):
            sendSlowly(response, chunkSize: max(1, chunkSize), interval: interval, for: head, id: id, context: context)
        case .hang:
            break  // channelInactive logs the end when the client gives up
        case .reset:
            reset(id: id, context: context)
        case .raw(let bytes):
            sendRaw(bytes, id: id, context: context)
        }
    }

    /// Writes bytes past the HTTP encoder, straight to the socket, then closes the connection.
    /// Written from the encoder's context, they go only through the handlers before it (none
    /// but the pipeline's head), so nothing frames or checks them.
    private func sendRaw(_ bytes: [UInt8], id: Int, context: ChannelHandlerContext) {
        markAnswered(id, status: nil)
        guard let encoder = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self) else {
            context.close(promise: nil)
            return
        }
        let buffer = context.channel.allocator.buffer(bytes: bytes)
        encoder.writeAndFlush(NIOAny(buffer)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    /// The `Content-Length` a site claims that is larger than its body: the server then sends
    /// the body and closes the connection, a response cut short. `nil` when there is no such claim.
    private func shortBodyClaim(_ response: FixtureResponse) -> Int? {
        guard let claim = response.headers.first(where: { $0.name == "content-length" }).flatMap({ Int($0.value) }),
              claim > response.body.count else { return nil }
        return claim
    }

    private func responseHead(_ response: FixtureResponse, for request: HTTPRequestHead) -> HTTPResponseHead {
        var headers = HTTPHeaders()
        for header in response.headers where header.name != "content-length" {
            headers.add(name: header.name, value: header.value)
        }
        if response.status != 304 && response.status != 204 && !(100..<200).contains(response.status) {
            let length = shortBodyClaim(response) ?? response.body.count
            headers.replaceOrAdd(name: "Content-Length", value: String(length))
        }
        if !request.isKeepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        return HTTPResponseHead(version: request.version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
    }

    private func hasBody(_ response: FixtureResponse, for request: HTTPRequestHead) -> Bool {
        request.method != .HEAD && response.status != 304 && response.status != 204 && !response.body.isEmpty
    }

    private func send(_ response: FixtureResponse, for request: HTTPRequestHead, id: Int, context: ChannelHandlerContext) {
        markAnswered(id, status: response.status)
        context.write(wrapOutboundOut(.head(responseHead(response, for: request))), promise: nil)
        if hasBody(response, for: request) {
            let buffer = context.channel.allocator.buffer(bytes: response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            if shortBodyClaim(response) != nil {
                context.flush()
                context.close(promise: nil)
                return
            }
        }
        finish(keepAlive: request.isKeepAlive, context: context)
    }

    private func sendSlowly(
        _ response: FixtureResponse, chunkSize: Int, interval: Duration, for request: HTTPRequestHead,
        id: Int, context: ChannelHandlerContext
    ) {
        context.writeAndFlush(wrapOutboundOut(.head(responseHead(response, for: request))), promise: nil)
        guard hasBody(response, for: request) else {
            markAnswered(id, status: response.status)
            finish(keepAlive: request.isKeepAlive, context: context)
            return
        }
        let body = response.body
        let delay = TimeAmount.nanoseconds(Int64(interval.components.seconds) * 1_000_000_000
            + interval.components.attoseconds / 1_000_000_000)
        let loop = context.eventLoop.assumeIsolated()
        func sendChunk(from offset: Int) {
            guard active else { return }
            let end = min(offset + chunkSize, body.count)
            if end >= body.count { markAnswered(id, status: response.status) }
            let buffer = context.channel.allocator.buffer(bytes: body[offset..<end])
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            if end >= body.count {
                finish(keepAlive: request.isKeepAlive, context: context)
            } else {
                loop.scheduleTask(in: delay) { sendChunk(from: end) }
            }
        }
        loop.scheduleTask(in: delay) { sendChunk(from: 0) }
    }

    /// Logs a request as answered. Called before the last bytes of the response are written,
    /// so a client that has read the whole response always finds its request logged as answered.
    private func markAnswered(_ id: Int, status: Int?) {
        log.end(id, status: status, outcome: .responded)
        if current == id { current = nil }
    }

    /// Ends the response, closing the connection unless it is kept alive.
    private func finish(keepAlive: Bool, context: ChannelHandlerContext) {
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
    }

    private func reset(id: Int, context: ChannelHandlerContext) {
        log.end(id, status: nil, outcome: .reset)
        current = nil
        // SO_LINGER on with a zero timeout makes close() send RST instead of FIN.
        if let provider = context.channel as? SocketOptionProvider {
            provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        } else {
            context.close(promise: nil)
        }
    }
}
