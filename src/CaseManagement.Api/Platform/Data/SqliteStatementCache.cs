using System.Collections;
using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CaseManagement.Api.Platform.Data;

/// <summary>
/// Prepared statements kept per SQLite connection. Microsoft.Data.Sqlite compiles a command's SQL anew for every new
/// command object, and Dapper makes a new one for every call, so each statement paid for its compilation on every
/// request (a quarter of the writer's time in an intake, and a third of a status read). The connections that live
/// long — the group committer's and the kept read connections (<see cref="DbConnectionFactory.OpenReaderAsync"/>) —
/// keep one prepared command per SQL text here and only rebind its parameters.
/// <para>
/// Parameters bind exactly as Dapper binds them: a property of the parameter object is bound when the SQL names it
/// (<c>@Name</c>, matched as Dapper matches it), through the same type handlers (<see cref="DapperTypeHandlers"/>);
/// rows are read with Dapper's own row parser. A parameter object Dapper would expand (a list for <c>IN @Ids</c>, an
/// enum, a <see cref="DynamicParameters"/>) is not cached: the call goes through Dapper as before.
/// </para>
/// </summary>
public static class SqliteStatementCache
{
    /// <summary>The most statements one connection keeps; beyond it the connection's statements are dropped and prepared again.</summary>
    public const int MaxPerConnection = 96;

    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, Entry>> Caches = new();
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]?> Bindable = new();

    private sealed class Entry(SqliteCommand command, Type? parameterType, Binding[] bindings)
    {
        public SqliteCommand Command { get; } = command;
        public Type? ParameterType { get; } = parameterType;
        public Binding[] Bindings { get; } = bindings;
    }

    private sealed record Binding(PropertyInfo Property, SqliteParameter Parameter);

    /// <summary>
    /// The kept command for <paramref name="sql"/> on this connection, bound to <paramref name="param"/> and enlisted
    /// in <paramref name="transaction"/>; null when the statement is not one this cache takes (then use Dapper).
    /// </summary>
    public static SqliteCommand? Rent(DbConnection connection, DbTransaction transaction, string sql, object? param, int timeoutSeconds)
    {
        if (connection is not SqliteConnection sqlite || transaction is not SqliteTransaction sqliteTransaction)
        {
            return null;
        }
        var type = param?.GetType();
        PropertyInfo[]? properties = null;
        if (type is not null && (properties = Bindable.GetOrAdd(type, BindableProperties)) is null)
        {
            return null;
        }
        if (!Caches.TryGetValue(sqlite, out var cache))
        {
            return null; // a connection of one request: nothing to keep its statements for
        }
        if (!cache.TryGetValue(sql, out var entry) || entry.ParameterType != type)
        {
            if (entry is not null)
            {
                entry.Command.Dispose();
                cache.Remove(sql);
            }
            if (cache.Count >= MaxPerConnection)
            {
                Clear(cache);
            }
            entry = Create(sqlite, sql, type, properties ?? []);
            cache[sql] = entry;
        }
        var command = entry.Command;
        command.Transaction = sqliteTransaction;
        command.CommandTimeout = timeoutSeconds;
        foreach (var binding in entry.Bindings)
        {
            Bind(binding.Parameter, binding.Property.GetValue(param));
        }
        return command;
    }

    /// <summary>Marks a connection that lives long (it serves many units of work): its statements are kept.</summary>
    public static void Keep(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            Caches.AddOrUpdate(sqlite, new Dictionary<string, Entry>(StringComparer.Ordinal));
        }
    }

    /// <summary>Disposes the statements kept for a connection about to close.</summary>
    public static void Forget(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite && Caches.TryGetValue(sqlite, out var cache))
        {
            Clear(cache);
            Caches.Remove(sqlite);
        }
    }

    /// <summary>
    /// Whether rows of <typeparamref name="T"/> are read here: a plain value (the first column, as Dapper reads it) or a
    /// class mapped by Dapper's row parser; anything else (object, dynamic, tuples) is left to Dapper.
    /// </summary>
    public static bool Reads<T>() => RowKind<T>.Readable;

    private static class RowKind<T>
    {
        public static readonly bool Plain = IsPlainValue(typeof(T)) && typeof(T) != typeof(byte[]);

        public static readonly bool Readable = Plain
            || (typeof(T).IsClass && typeof(T) != typeof(object) && typeof(T) != typeof(string) && !typeof(T).IsArray
                && !typeof(IEnumerable).IsAssignableFrom(typeof(T)) && !typeof(T).IsAbstract);
    }

    private static Func<DbDataReader, T> Parser<T>(DbDataReader reader) =>
        RowKind<T>.Plain ? static r => Parse<T>(r.GetValue(0)) : reader.GetRowParser<T>();

    public static async Task<List<T>> QueryAsync<T>(SqliteCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        if (await reader.ReadAsync(ct))
        {
            var parse = Parser<T>(reader);
            do
            {
                rows.Add(parse(reader));
            }
            while (await reader.ReadAsync(ct));
        }
        return rows;
    }

    public static async Task<T?> QuerySingleOrDefaultAsync<T>(SqliteCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return default;
        }
        var row = Parser<T>(reader)(reader);
        if (await reader.ReadAsync(ct))
        {
            // As Dapper's QuerySingleOrDefault.
            throw new InvalidOperationException("Sequence contains more than one element");
        }
        return row;
    }

    public static async Task<T> ExecuteScalarAsync<T>(SqliteCommand command, CancellationToken ct) =>
        Parse<T>(await command.ExecuteScalarAsync(ct));

    /// <summary>A scalar read as Dapper's ExecuteScalar reads it: null for no value, the type handlers, then a conversion.</summary>
    private static T Parse<T>(object? value)
    {
        if (value is null or DBNull)
        {
            return default!;
        }
        if (value is T typed)
        {
            return typed;
        }
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        object parsed = target == typeof(Guid) ? DapperTypeHandlers.ParseGuid(value)
            : target == typeof(DateTimeOffset) ? DapperTypeHandlers.ParseInstant(value)
            : target == typeof(DateOnly) ? DapperTypeHandlers.ParseDate(value)
            : target.IsEnum ? Enum.ToObject(target, value)
            : Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        return (T)parsed;
    }

    private static Entry Create(SqliteConnection connection, string sql, Type? type, PropertyInfo[] properties)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var bindings = new List<Binding>();
        foreach (var property in properties)
        {
            if (!NamedIn(sql, property.Name))
            {
                continue; // Dapper leaves out the members the SQL does not name.
            }
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + property.Name;
            command.Parameters.Add(parameter);
            bindings.Add(new Binding(property, parameter));
        }
        return new Entry(command, type, [.. bindings]);
    }

    // The same text the type handlers write for SQLite, so a kept statement stores exactly what Dapper would.
    private static void Bind(SqliteParameter parameter, object? value) => parameter.Value = DapperTypeHandlers.SqliteValue(value);

    private static void Clear(Dictionary<string, Entry> cache)
    {
        foreach (var entry in cache.Values)
        {
            entry.Command.Dispose();
        }
        cache.Clear();
    }

    /// <summary>The public instance properties of a parameter object when every one is a plain value; null otherwise.</summary>
    private static PropertyInfo[]? BindableProperties(Type type)
    {
        if (typeof(IEnumerable).IsAssignableFrom(type) || typeof(SqlMapper.IDynamicParameters).IsAssignableFrom(type))
        {
            return null;
        }
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (var property in properties)
        {
            if (property.GetIndexParameters().Length > 0 || !IsPlainValue(property.PropertyType))
            {
                return null;
            }
        }
        return properties;
    }

    private static bool IsPlainValue(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(Guid) || t == typeof(DateTimeOffset) || t == typeof(DateOnly)
            || t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(bool) || t == typeof(double)
            || t == typeof(byte[]);
    }

    /// <summary>Dapper's test of whether the SQL uses a member: <c>[?@:]name</c> followed by a non-identifier character or the end.</summary>
    private static bool NamedIn(string sql, string name) =>
        Regex.IsMatch(sql, "[?@:]" + Regex.Escape(name) + "([^\\p{L}\\p{N}_]+|$)",
            RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant);
}
