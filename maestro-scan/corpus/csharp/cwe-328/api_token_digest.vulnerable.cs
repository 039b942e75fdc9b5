using System;
using System.Security.Cryptography;
using System.Text;

namespace Tokens
{
    public class ApiTokenStore
    {
        private readonly ITokenTable _table;

        public ApiTokenStore(ITokenTable table)
        {
            _table = table;
        }

        private static string Digest(string token)
        {
            return Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(token)));
        }

        public void Store(int userId, string token) { _table.Insert(userId, Digest(token)); }

        public int? Owner(string token) { return _table.FindUser(Digest(token)); }
    }
}
