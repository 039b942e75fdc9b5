using System.Security.Cryptography;
using System.Text;

namespace Auth
{
    public class PasswordHasher
    {
        public (byte[] Salt, byte[] Hash) Hash(string password)
        {
            byte[] salt = RandomNumberGenerator.GetBytes(16);
            byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, 310000,
                HashAlgorithmName.SHA256, 32);
            return (salt, hash);
        }
    }
}
