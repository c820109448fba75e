// LinuxUdpBatch: serve's UDP receive loop on Linux, receiving up to BatchSize datagrams per system call
// (recvmmsg(2)) and sending the answers of those found in the answer cache with one more (sendmmsg(2)).
// Under load, a per-datagram loop pays a readiness wake-up, a thread hop and two system calls for
// every query; on a virtual machine the context switches alone took a quarter of serve's CPU. A batch
// pays them once per burst, which is what lets a cache hit cost what the cache costs. Queries that
// need resolving leave the batch for the ordinary asynchronous path. .NET exposes neither call, so
// they are called in libc directly (LibraryImport, AOT-safe); the socket is left to .NET otherwise
// (it closes it). When the calls are missing (not glibc/musl Linux) DnsServer uses its portable loop.
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Resolver.Cli.Serve;

internal sealed unsafe partial class LinuxUdpBatch : IDisposable
{
    /// <summary>Datagrams received (and answered from the cache) per system call at most.</summary>
    public const int BatchSize = 32;

    // Queries larger than this are not DNS queries a stub sends over UDP (RFC 6891 §6.2.5 payloads are
    // for responses); a datagram cut at this length (MSG_TRUNC) is dropped.
    private const int SlotBytes = 4096;
    private const int AddressBytes = 128;   // sizeof(struct sockaddr_storage)
    private const int MsgDontWait = 0x40;
    private const int MsgTrunc = 0x20;
    private const short PollIn = 0x1;
    private const int EAgain = 11;
    private const int EIntr = 4;

    private readonly int _fd;
    private readonly byte* _queries;     // BatchSize slots of SlotBytes
    private readonly byte* _answers;     // BatchSize slots of QueryHandler.MaxUdpResponse
    private readonly byte* _addresses;   // BatchSize sockaddr_storage
    private readonly MMsgHdr* _receive;
    private readonly MMsgHdr* _send;
    private readonly IoVec* _receiveIo;
    private readonly IoVec* _sendIo;

    private LinuxUdpBatch(int fd)
    {
        _fd = fd;
        _queries = (byte*)NativeMemory.AllocZeroed((nuint)(BatchSize * SlotBytes));
        _answers = (byte*)NativeMemory.AllocZeroed((nuint)(BatchSize * QueryHandler.MaxUdpResponse));
        _addresses = (byte*)NativeMemory.AllocZeroed((nuint)(BatchSize * AddressBytes));
        _receive = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)(BatchSize * sizeof(MMsgHdr)));
        _send = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)(BatchSize * sizeof(MMsgHdr)));
        _receiveIo = (IoVec*)NativeMemory.AllocZeroed((nuint)(BatchSize * sizeof(IoVec)));
        _sendIo = (IoVec*)NativeMemory.AllocZeroed((nuint)(BatchSize * sizeof(IoVec)));
        for (int i = 0; i < BatchSize; i++)
        {
            _receiveIo[i] = new IoVec { Base = _queries + (i * SlotBytes), Length = SlotBytes };
        }
    }

    /// <summary>A batch receiver for <paramref name="socket"/>, or null where recvmmsg/sendmmsg cannot be called.</summary>
    public static LinuxUdpBatch? TryCreate(Socket socket)
    {
        if (!OperatingSystem.IsLinux() || (socket.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)))
        {
            return null;
        }

        try
        {
            // A zero-length, non-blocking receive proves the symbols resolve (EAGAIN on an idle socket).
            int fd = (int)socket.SafeHandle.DangerousGetHandle();
            _ = recvmmsg(fd, null, 0, MsgDontWait, null);
            return new LinuxUdpBatch(fd);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Receives what is queued (waiting up to <paramref name="wait"/> when nothing is), answers cache hits
    /// in one send, and hands every other query to <paramref name="resolve"/> with its client.
    /// </summary>
    /// <returns>The datagrams received; 0 when the wait passed with none.</returns>
    /// <exception cref="SocketException">A receive or send failed for another reason than an empty queue.</exception>
    public int ReceiveAndAnswer(QueryHandler handler, Action<byte[], IPEndPoint> resolve, TimeSpan wait)
    {
        for (int i = 0; i < BatchSize; i++)
        {
            _receive[i] = new MMsgHdr
            {
                Header = new MsgHdr { Name = _addresses + (i * AddressBytes), NameLength = AddressBytes, Io = _receiveIo + i, IoLength = 1 },
            };
        }

        int received = recvmmsg(_fd, _receive, BatchSize, MsgDontWait, null);
        if (received < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            if (error is not (EAgain or EIntr))
            {
                throw new SocketException(error);
            }

            var poll = new PollFd { Fd = _fd, Events = PollIn };
            _ = Poll(&poll, 1, (int)wait.TotalMilliseconds);
            return 0;
        }

        int hits = 0;
        for (int i = 0; i < received; i++)
        {
            MMsgHdr* message = _receive + i;
            if ((message->Header.Flags & MsgTrunc) != 0)
            {
                continue;
            }

            var query = new ReadOnlySpan<byte>(_queries + (i * SlotBytes), (int)message->Length);
            byte* answer = _answers + (hits * QueryHandler.MaxUdpResponse);
            int length = handler.TryAnswerFromCache(query, new Span<byte>(answer, QueryHandler.MaxUdpResponse));
            if (length > 0)
            {
                _sendIo[hits] = new IoVec { Base = answer, Length = (nuint)length };
                _send[hits] = new MMsgHdr
                {
                    Header = new MsgHdr { Name = message->Header.Name, NameLength = message->Header.NameLength, Io = _sendIo + hits, IoLength = 1 },
                };
                hits++;
            }
            else if (Client(message->Header.Name) is { } client)
            {
                resolve(query.ToArray(), client);
            }
        }

        for (int sent = 0; sent < hits;)
        {
            int result = sendmmsg(_fd, _send + sent, (uint)(hits - sent), 0);
            if (result < 0)
            {
                int error = Marshal.GetLastPInvokeError();
                if (error == EIntr)
                {
                    continue;
                }

                if (error == EAgain)
                {
                    var poll = new PollFd { Fd = _fd, Events = 0x4 };   // POLLOUT: the send buffer is full
                    _ = Poll(&poll, 1, 100);
                    continue;
                }

                throw new SocketException(error);
            }

            sent += Math.Max(result, 1);
        }

        return received;
    }

    public void Dispose()
    {
        NativeMemory.Free(_queries);
        NativeMemory.Free(_answers);
        NativeMemory.Free(_addresses);
        NativeMemory.Free(_receive);
        NativeMemory.Free(_send);
        NativeMemory.Free(_receiveIo);
        NativeMemory.Free(_sendIo);
    }

    // The sender of a datagram from its sockaddr_in / sockaddr_in6 (family, then the port in network order).
    private static IPEndPoint? Client(void* name)
    {
        var address = new ReadOnlySpan<byte>(name, AddressBytes);
        ushort family = BinaryPrimitives.ReadUInt16LittleEndian(address);
        int port = BinaryPrimitives.ReadUInt16BigEndian(address[2..]);
        return family switch
        {
            2 => new IPEndPoint(new IPAddress(address.Slice(4, 4)), port),                                              // AF_INET
            10 => new IPEndPoint(new IPAddress(address.Slice(8, 16), BinaryPrimitives.ReadUInt32LittleEndian(address[24..])), port),   // AF_INET6
            _ => null,
        };
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int recvmmsg(int fd, MMsgHdr* messages, uint length, int flags, void* timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sendmmsg(int fd, MMsgHdr* messages, uint length, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    // struct msghdr (x86-64 and arm64 Linux: 56 bytes).
    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Io;
        public nuint IoLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    // struct mmsghdr: the header and the length the call filled in.
    [StructLayout(LayoutKind.Sequential)]
    private struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Returned;
    }
}
