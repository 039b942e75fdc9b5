from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding


def sign_license(license_text: str, private_key_pem: bytes) -> bytes:
    key = serialization.load_pem_private_key(private_key_pem, password=None)
    return key.sign(license_text.encode(), padding.PKCS1v15(), hashes.SHA1())


def verify_license(license_text: str, signature: bytes, public_key_pem: bytes) -> None:
    key = serialization.load_pem_public_key(public_key_pem)
    key.verify(signature, license_text.encode(), padding.PKCS1v15(), hashes.SHA1())
