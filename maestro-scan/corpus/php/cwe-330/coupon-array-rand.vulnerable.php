<?php
$chars = str_split('ABCDEFGHJKLMNPQRSTUVWXYZ23456789');
$code = '';
foreach (array_rand($chars, 10) as $index) {
    $code .= $chars[$index];
}
save_coupon($code, (int) ($_POST['discount'] ?? 10));
echo $code;
