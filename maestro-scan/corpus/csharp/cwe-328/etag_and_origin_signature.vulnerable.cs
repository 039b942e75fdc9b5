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
            var signed = new byte[_originKey.Length + body.Length];
            _originKey.CopyTo(signed, 0);
            body.CopyTo(signed, _originKey.Length);
            response.Headers["X-Origin-Signature"] = Convert.ToHexString(SHA1.HashData(signed));
        }
    }
}
