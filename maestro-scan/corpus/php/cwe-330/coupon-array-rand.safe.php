<?php
$chars = str_split('ABCDEFGHJKLMNPQRSTUVWXYZ23456789');
$code = '';
for ($i = 0; $i < 10; $i++) {
    $code .= $chars[random_int(0, count($chars) - 1)];
}
save_coupon($code, (int) ($_POST['discount'] ?? 10));
echo $code;
