using System.Security.Cryptography;
using System.Text;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// File names of the folder layout. An id of lower-case letters, digits, dot, dash and underscore (at most 100
/// characters, not starting with a dot) is the file name as it is; any other id becomes a readable lower-case slug
/// followed by <c>~</c> and 16 hex digits of its SHA-256, so that no id escapes the folder or collides with another on
/// a case-insensitive file system.
/// </summary>
internal static class FolderNaming
{
    public static string FileNameOf(string id, string extension)
    {
        var plain = id.Length is > 0 and <= 100 && id[0] != '.';
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_'))
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return id + extension;
        }

        var slug = new StringBuilder(40);
        foreach (var c in id)
        {
            if (slug.Length >= 40)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..16];
        return slug.ToString().Trim('-') + "~" + hash + extension;
    }
}
