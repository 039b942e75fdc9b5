using System;
using System.Security.Cryptography;

namespace Recovery
{
    public interface IResetCodeStore
    {
        void Save(string email, string code, DateTime expires);
    }

    public class ResetCodeService
    {
        private readonly IResetCodeStore _store;

        public ResetCodeService(IResetCodeStore store)
        {
            _store = store;
        }

        public string Issue(string email)
        {
            string code = RandomNumberGenerator.GetInt32(0, 1000000).ToString("D6");
            _store.Save(email, code, DateTime.UtcNow.AddMinutes(15));
            return code;
        }
    }
}
