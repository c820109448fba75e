// Lock on net8.0: System.Threading.Lock arrived in .NET 9. The compiler turns `lock (x)` on a type of
// that name into `using (x.EnterScope())`, so this stand-in supplies EnterScope over a Monitor lock —
// the same meaning — and the code keeps one spelling for both targets. The net10.0 build uses the
// framework's type (this file compiles to nothing there).
#if !NET9_0_OR_GREATER
namespace System.Threading;

/// <summary>net8.0 stand-in for System.Threading.Lock: a Monitor lock with the compiler's EnterScope shape.</summary>
internal sealed class Lock
{
    private readonly object _monitor = new();

    /// <summary>Takes the lock until the returned scope is disposed.</summary>
    public Scope EnterScope()
    {
        Monitor.Enter(_monitor);
        return new Scope(_monitor);
    }

    /// <summary>Holds the lock; Dispose releases it.</summary>
    public readonly ref struct Scope
    {
        private readonly object _monitor;

        internal Scope(object monitor) => _monitor = monitor;

        /// <summary>Releases the lock.</summary>
        public void Dispose() => Monitor.Exit(_monitor);
    }
}
#endif
