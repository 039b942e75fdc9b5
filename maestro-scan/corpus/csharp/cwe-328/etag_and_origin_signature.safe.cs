using System;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Cdn
{
    public class AssetResponder
    {
        private readonly byte[] _originKey;

        public AssetResponder(byte[] originKey)
        {
            _originKey = originKey;
        }

        public void Write(HttpResponse response, byte[] body)
        {
            response.Headers["ETag"] = "\"" + Convert.ToHexString(MD5.HashData(body)) + "\"";
            response.Headers["X-Origin-Signature"] = Convert.ToHexString(HMACSHA256.HashData(_originKey, body));
        }
    }
}
