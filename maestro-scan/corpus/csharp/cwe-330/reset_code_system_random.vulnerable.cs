using System;

namespace Recovery
{
    public interface IResetCodeStore
    {
        void Save(string email, string code, DateTime expires);
    }

    public class ResetCodeService
    {
        private readonly Random _random = new Random();
        private readonly IResetCodeStore _store;

        public ResetCodeService(IResetCodeStore store)
        {
            _store = store;
        }

        public string Issue(string email)
        {
            string code = _random.Next(0, 1000000).ToString("D6");
            _store.Save(email, code, DateTime.UtcNow.AddMinutes(15));
            return code;
        }
    }
}
