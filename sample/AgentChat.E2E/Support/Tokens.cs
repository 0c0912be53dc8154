using System.Text;

namespace AgentChat.E2E.Support;

/// <summary>Forged variants of a real token, for the access-control tests.</summary>
public static class Tokens
{
    /// <summary>Same header and claims, one signature character changed.</summary>
    public static string WrongSignature(string jwt)
    {
        var parts = jwt.Split('.');
        var signature = parts[2].ToCharArray();
        var middle = signature.Length / 2;
        signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
        return $"{parts[0]}.{parts[1]}.{new string(signature)}";
    }

    /// <summary>The claims of a real token under an unsigned `alg: none` header.</summary>
    public static string AlgNone(string jwt)
    {
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{header}.{jwt.Split('.')[1]}.";
    }
}
