using System;
using System.Security.Cryptography;
using System.Text;

namespace Licensing
{
    public class LicenseSigner
    {
        private readonly RSA _key;

        public LicenseSigner(RSA key)
        {
            _key = key;
        }

        public string Sign(string customer, string plan)
        {
            string payload = customer + "|" + plan;
            byte[] sig = _key.SignData(Encoding.UTF8.GetBytes(payload), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
            return payload + "." + Convert.ToBase64String(sig);
        }
    }
}
