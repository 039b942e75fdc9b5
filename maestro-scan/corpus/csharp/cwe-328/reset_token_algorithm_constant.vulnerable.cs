using System;
using System.Security.Cryptography;
using System.Text;

namespace Recovery
{
    public class ResetTokenHasher
    {
        private const string DigestAlgorithm = "MD5";

        public string DigestForStorage(string resetToken)
        {
            using (var algorithm = (HashAlgorithm)CryptoConfig.CreateFromName(DigestAlgorithm))
            {
                return Convert.ToBase64String(algorithm.ComputeHash(Encoding.UTF8.GetBytes(resetToken)));
            }
        }
    }
}
