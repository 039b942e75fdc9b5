using System.Security.Cryptography;
using System.Text;

namespace Auth
{
    public class PasswordHasher
    {
        public (byte[] Salt, byte[] Hash) Hash(string password)
        {
            byte[] salt = RandomNumberGenerator.GetBytes(16);
            using (var sha1 = SHA1.Create())
            {
                byte[] input = new byte[salt.Length + Encoding.UTF8.GetByteCount(password)];
                salt.CopyTo(input, 0);
                Encoding.UTF8.GetBytes(password).CopyTo(input, salt.Length);
                return (salt, sha1.ComputeHash(input));
            }
        }
    }
}
